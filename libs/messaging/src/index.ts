// Public API of @gaara/messaging: Kafka publishing, tiered retry consumers, event consumers, dead letters, outbox.
export {
  createMessagingClient,
  messagingClientFromConfig,
  type KafkaEnvConfig,
  type KafkaOptions,
  type MessagingClient,
  type MessagingLogger,
} from './kafka-client';
export { ensureTopics, isKafkaReachable, type EnsureTopicsOptions } from './topics';
export { MessagingError, type MessagingErrorCode } from './messaging-error';
export { PoisonMessageError } from './poison-message-error';
export { protoJsonCodec, type MessageCodec } from './proto-json-codec';
export { connectPublisher, type OutgoingMessage, type Publisher } from './publisher';
export {
  parseDelay,
  retryTopology,
  type RetryTier,
  type RetryTopology,
  type RetryTopologyOptions,
} from './retry-topology';
export {
  firstRetryMessage,
  messageHeaders,
  type FirstRetryItem,
  type RetryMetadata,
} from './retry-headers';
export {
  startRetryConsumers,
  type RetryConsumers,
  type RetryConsumersOptions,
  type WorkItem,
  type WorkOutcome,
} from './retry-consumers';
export { DeferralBudgetExhaustedError, deferralBudgetMs, MIN_DEFER_MS } from './deferral';
export {
  startEventConsumer,
  type EventConsumer,
  type EventConsumerOptions,
  type IncomingEvent,
} from './event-consumer';
export {
  deadLetterDepth,
  listDeadLetters,
  replayDeadLetters,
  replayGroupId,
  topicDepths,
  type DeadLetterEntry,
  type DeadLetterSelector,
} from './dead-letters';
export { outboxMigration } from './outbox-migration';
export { enqueueOutbox, type OutboxMessage } from './outbox-enqueue';
export { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { watchQueueDepths, type QueueDepths, type QueueDepthWatch } from './queue-depth-watch';
export { startParts, type OnStop } from './start-parts';
export { startOutboxPublishing } from './outbox-publishing';
export { startTaskQueueMessaging, type TaskQueueMessagingOptions } from './task-queue-messaging';
