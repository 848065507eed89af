// Public API of @gaara/tasks: the durable-task ledger payment and notification share, the transactional outbox it
// writes its messages through, and the Kafka side (outbox relay, retry tiers) of a service with a task queue.
export { leaseFromNow } from './lease';
export { startSweeper, type Sweeper } from './lease-sweeper';
export { TaskLedger, type TaskLedgerOptions, type WaitingAttempt } from './task-ledger';
export { taskKind, type LedgerTask, type TaskKind } from './task-message';
export { countsByWireStatus } from './status-counts';
export { outboxMigration, outboxQuarantineMigration } from './outbox/outbox-migration';
export {
  countQuarantinedOutboxRows,
  listQuarantinedOutboxRows,
  type QuarantinedOutboxRow,
} from './outbox/outbox-quarantine';
export { enqueueOutbox } from './outbox/outbox-enqueue';
export { startOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
export { startOutboxPublishing } from './outbox/outbox-publishing';
export { startTaskQueueMessaging, type TaskQueueMessagingOptions } from './task-queue-messaging';
