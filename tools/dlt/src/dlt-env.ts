import { defineConfig, list, loadConfig, string, type ConfigOf, type Env } from '@gaara/config';
import { deadLetterTopology, type DeadLetterTopology } from '@gaara/messaging';
import type { QueueName } from './parse-args';
import { DEAD_LETTER_QUEUES, NOTIFICATIONS_QUEUE, PAYMENTS_QUEUE } from '@gaara/topology';

/** The variables the CLI reads; the same names and defaults as the services that own the queues. */
export const dltEnv = defineConfig({
  /** Kafka bootstrap brokers, comma-separated host:port. */
  GAARA_KAFKA_BROKERS: list().default(['127.0.0.1:9092']),
  /** Prepended verbatim to every topic name; '' in production. */
  GAARA_KAFKA_TOPIC_PREFIX: string().default(''),
  /** Retry tiers of payments (units ms|s|m|h), as the payment service reads them. */
  GAARA_PAYMENT_RETRY_DELAYS: string().default(PAYMENTS_QUEUE.delays),
  /** Retry tiers of notifications, as the notification service reads them. */
  GAARA_NOTIFICATION_RETRY_DELAYS: string().default(NOTIFICATIONS_QUEUE.delays),
});

export type DltEnv = ConfigOf<typeof dltEnv>;

/** @throws ConfigError naming every bad variable */
export function loadDltEnv(env: Env): DltEnv {
  return loadConfig(dltEnv, env);
}

/** The topics of a queue's dead letters: a retry queue's tiers (delays from the env) or an event consumer's. */
export function topologyOf(queue: QueueName, env: DltEnv): DeadLetterTopology {
  const declared = DEAD_LETTER_QUEUES[queue];
  const delays: Partial<Record<QueueName, string>> = {
    payments: env.GAARA_PAYMENT_RETRY_DELAYS,
    notifications: env.GAARA_NOTIFICATION_RETRY_DELAYS,
  };
  return deadLetterTopology(declared, {
    topicPrefix: env.GAARA_KAFKA_TOPIC_PREFIX,
    delays: delays[queue],
  });
}
