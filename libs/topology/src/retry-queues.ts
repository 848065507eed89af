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

/** Written by payment (outbox), read by invoice, catalog and notification. */
export const PAYMENT_EVENTS_TOPIC = 'payments.events';

/**
 * An event consumer's own dead letters: poison or exhausted events of `topic`, replayed onto `replayTopic`, which
 * that consumer alone also reads (a replay on `topic` would reach every other group reading it too).
 */
export interface EventQueue {
  /** Queue name operators use, e.g. `invoice`; also the stem of its topics. */
  readonly name: string;
  /** The topic the consumer reads. */
  readonly topic: string;
  readonly groupId: string;
  /** `<name>.dlt` */
  readonly deadLetterTopic: string;
  /** `<name>.replay`: read by this consumer's group only. */
  readonly replayTopic: string;
}

/** Invoice's payments.events consumer (marks invoices paid or failed). */
export const INVOICE_EVENTS_QUEUE: EventQueue = {
  name: 'invoice',
  topic: PAYMENT_EVENTS_TOPIC,
  groupId: 'invoice.payments-events',
  deadLetterTopic: 'invoice.dlt',
  replayTopic: 'invoice.replay',
};

/** Catalog's payments.events consumer (the stock saga's confirmations and releases). */
export const CATALOG_EVENTS_QUEUE: EventQueue = {
  name: 'catalog',
  topic: PAYMENT_EVENTS_TOPIC,
  groupId: 'catalog.payments-events',
  deadLetterTopic: 'catalog.dlt',
  replayTopic: 'catalog.replay',
};

/** Invoice's own dead letters: poison on payments.events must not land on another service's. */
export const INVOICE_DLT_TOPIC = INVOICE_EVENTS_QUEUE.deadLetterTopic;
/** Catalog's own dead letters of payments.events. */
export const CATALOG_DLT_TOPIC = CATALOG_EVENTS_QUEUE.deadLetterTopic;

/** A dead-letter topic operators list and replay: a retry queue's (back to its first tier) or an event queue's. */
export type DeadLetterQueue =
  | { readonly kind: 'retry'; readonly queue: RetryQueue }
  | { readonly kind: 'events'; readonly queue: EventQueue };

/** Every dead-letter queue, by the name the CLI and the admin routes take (each key is its queue's name). */
export const DEAD_LETTER_QUEUES = {
  payments: { kind: 'retry', queue: PAYMENTS_QUEUE },
  notifications: { kind: 'retry', queue: NOTIFICATIONS_QUEUE },
  invoice: { kind: 'events', queue: INVOICE_EVENTS_QUEUE },
  catalog: { kind: 'events', queue: CATALOG_EVENTS_QUEUE },
} as const satisfies Readonly<Record<string, DeadLetterQueue>>;

export type DeadLetterQueueName = keyof typeof DEAD_LETTER_QUEUES;

/** The names of {@link DEAD_LETTER_QUEUES}, in declaration order. */
export const DEAD_LETTER_QUEUE_NAMES = Object.keys(DEAD_LETTER_QUEUES) as DeadLetterQueueName[];

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
    ...[INVOICE_EVENTS_QUEUE, CATALOG_EVENTS_QUEUE].flatMap((q) => [
      topic(q.deadLetterTopic, MONTH_MS),
      // Replays wait here no longer than the events they copy.
      topic(q.replayTopic, WEEK_MS),
    ]),
    // The stack's readiness probe writes and reads one message here.
    topic('gaara.stack.selftest', 3_600_000, 1),
  ];
}
