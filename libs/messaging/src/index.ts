// Public API of @gaara/messaging: Kafka publishing, tiered retry consumers, event consumers, dead letters. No database:
// the outbox and the task ledger built on it are @gaara/tasks.
export {
  createMessagingClient,
  messagingClientFromConfig,
  type KafkaEnvConfig,
  type KafkaOptions,
  type MessagingClient,
  type MessagingLogger,
} from './kafka/kafka-client';
export {
  deleteTopicsWithPrefix,
  ensureTopics,
  type EnsureTopicsOptions,
  isKafkaReachable,
} from './kafka/topics';
export { isRetriableKafkaError } from './kafka/admin-session';
export { MessagingError, type MessagingErrorCode } from './kafka/messaging-error';
export { PoisonMessageError } from './consumers/poison-message-error';
export { protoJsonCodec, type MessageCodec } from './consumers/proto-json-codec';
export {
  connectPublisher,
  type MessageToPublish,
  type OutgoingMessage,
  type Publisher,
} from './kafka/publisher';
export { publishInStoredTrace } from './kafka/trace-context';
export { describeError, type ErrorDescription } from './kafka/error-description';
export { silentLogger } from './kafka/messaging-logger';
export { sleep, within } from './kafka/sleep';
export {
  parseDelay,
  retryTopology,
  type RetryTier,
  type RetryTopology,
  type RetryTopologyOptions,
} from './retry/retry-topology';
export {
  firstRetryMessage,
  messageHeaders,
  type FirstRetryItem,
  type RetryMetadata,
} from './retry/retry-headers';
export {
  startRetryConsumers,
  type RetryConsumers,
  type RetryConsumersOptions,
  type WorkItem,
  type WorkOutcome,
} from './retry/retry-consumers';
export { DeferralBudgetExhaustedError, deferralBudgetMs, MIN_DEFER_MS } from './retry/deferral';
export {
  DEFAULT_EVENT_MAX_ATTEMPTS,
  startEventConsumer,
  type EventConsumer,
  type EventConsumerOptions,
  type IncomingEvent,
} from './consumers/event-consumer';
export { startEventConsumerWithPublisher } from './consumers/event-consumer-with-publisher';
export {
  deadLetterTopology,
  isEventDeadLetters,
  type DeadLetterTopology,
  type DeadLetterTopologyOptions,
  type DeclaredDeadLetterQueue,
} from './dead-letters/dead-letter-topology';
export {
  eventDeadLetterTopology,
  eventReplayMessage,
  type EventDeadLetterTopology,
  type EventDeadLetterTopologyOptions,
} from './dead-letters/event-dead-letters';
export {
  deadLetterDepth,
  listDeadLetters,
  replayDeadLetters,
  replayGroupId,
  topicDepths,
  type DeadLetterEntry,
  type DeadLetterSelector,
  type RefusedReplay,
  type ReplayOptions,
  type ReplayResult,
} from './dead-letters/dead-letters';
export {
  watchQueueDepths,
  type QueueDepths,
  type QueueDepthWatch,
} from './retry/queue-depth-watch';
export { startParts, type OnStop } from './kafka/start-parts';
