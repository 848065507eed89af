/**
 * The store's Kafka topology, declared once: every topic, tier delay, consumer group and dead-letter topic is
 * derived from here; infra/kafka/topics.json is generated from it (`npm run topology:generate`, checked in
 * `npm test`). Services take these as the defaults of their GAARA_*_RETRY_DELAYS variables.
 */

/** Retention of retry tiers and event topics, in milliseconds: 7 days. */
const WEEK_MS = 7 * 24 * 3_600_000;
/** Retention of dead-letter topics, in milliseconds: 30 days, time for an operator to inspect and replay. */
const MONTH_MS = 30 * 24 * 3_600_000;

/** A queue with retry tiers: `<name>.retry.<delay>` per tier, then `<name>.dlt`. */
export interface RetryQueue {
  /** Topic name stem, e.g. `payments`. */
  readonly name: string;
  /** Tier delays in order, comma-separated with a unit each (ms, s, m, h). */
  readonly delays: string;
  /** Prefix of the tiers' consumer groups (`<prefix>.<delay>`). */
  readonly groupIdPrefix: string;
}

/** Payment charges: the spec's 5 s, 30 s, 5 min, 30 min, then the dead letters. */
export const PAYMENTS_QUEUE: RetryQueue = {
  name: 'payments',
  delays: '5s,30s,5m,30m',
  groupIdPrefix: 'payment.charge-retry',
};

/** Receipts and other e-mails: an SMTP outage may last hours, so the tiers reach 2 h. */
export const NOTIFICATIONS_QUEUE: RetryQueue = {
  name: 'notifications',
  delays: '30s,5m,30m,2h',
  groupIdPrefix: 'notification.email-retry',
};

/** Written by payment (outbox), read by invoice and notification. */
export const PAYMENT_EVENTS_TOPIC = 'payments.events';
/** Invoice's own dead letters: poison on payments.events must not land on another service's. */
export const INVOICE_DLT_TOPIC = 'invoice.dlt';
/** Catalog's own dead letters of payments.events (the stock saga's confirmations and releases). */
export const CATALOG_DLT_TOPIC = 'catalog.dlt';

/** Partitions of every store topic: the unit of parallelism of each consumer group. */
export const STORE_TOPIC_PARTITIONS = 3;

/** A topic as the local stack and compose create it. */
export interface DeclaredTopic {
  readonly name: string;
  readonly partitions: number;
  readonly config: Readonly<Record<string, string>>;
}

/** The tier topics of `queue`, in order. */
export function tierTopics(queue: RetryQueue): string[] {
  return queue.delays.split(',').map((delay) => `${queue.name}.retry.${delay.trim()}`);
}

/** Every topic of the store, as infra/kafka/topics.json lists them (the stack's self-test topic included). */
export function declaredTopics(): DeclaredTopic[] {
  const topic = (
    name: string,
    retentionMs: number,
    partitions = STORE_TOPIC_PARTITIONS,
  ): DeclaredTopic => ({
    name,
    partitions,
    config: { 'retention.ms': String(retentionMs) },
  });
  const queue = (q: RetryQueue): DeclaredTopic[] => [
    ...tierTopics(q).map((name) => topic(name, WEEK_MS)),
    topic(`${q.name}.dlt`, MONTH_MS),
  ];
  return [
    ...queue(PAYMENTS_QUEUE),
    topic(PAYMENT_EVENTS_TOPIC, WEEK_MS),
    ...queue(NOTIFICATIONS_QUEUE),
    topic(INVOICE_DLT_TOPIC, MONTH_MS),
    topic(CATALOG_DLT_TOPIC, MONTH_MS),
    // The stack's readiness probe writes and reads one message here.
    topic('gaara.stack.selftest', 3_600_000, 1),
  ];
}
