import type { Knex } from '@gaara/db';
import type { MessagingClient, MessagingLogger, RetryTopology } from '@gaara/messaging';
import { startTaskQueueMessaging } from '@gaara/tasks';
import type { Policy } from '@gaara/resilience';
import type { Meter } from '@opentelemetry/api';
import type { ChargeAttempts } from './charging/charge-attempts';
import { chargeTaskHandler } from './charging/charge-task-handler';
import { chargeTasks } from './charging/payment-messages';
import type { PaymentMetrics } from './charging/payment-metrics';

/**
 * The Kafka side of the payment service: publisher, topics, outbox relay and one ChargeTask consumer per retry
 * tier. On failure stops what it started and throws, so the caller can try again (Kafka may be down: charges
 * keep being taken meanwhile, their events and retry tasks wait in the outbox).
 */
export function startPaymentMessaging(options: {
  readonly client: MessagingClient;
  readonly db: Knex;
  readonly topology: RetryTopology;
  readonly eventsTopic: string;
  /** Prefix of the retry tiers' consumer groups, topic prefix included. */
  readonly groupIdPrefix: string;
  readonly attempts: ChargeAttempts;
  readonly policy: Policy;
  /** Lease of a claimed payment, in ms. */
  readonly leaseMs: number;
  readonly metrics: PaymentMetrics;
  readonly logger?: MessagingLogger;
  readonly meter?: Meter;
}): Promise<{ stop(): Promise<void> }> {
  const { policy } = options;
  return startTaskQueueMessaging({
    client: options.client,
    db: options.db,
    topology: options.topology,
    otherTopics: [options.eventsTopic],
    groupIdPrefix: options.groupIdPrefix,
    types: [chargeTasks.type],
    handle: chargeTaskHandler({
      db: options.db,
      attempts: options.attempts,
      leaseMs: options.leaseMs,
      metrics: options.metrics,
      breaker: { breaker: policy.breaker, openMs: policy.config.breaker.openMs },
    }),
    logger: options.logger,
    meter: options.meter,
  });
}
