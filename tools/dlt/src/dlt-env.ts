import { defineConfig, list, loadConfig, string, type ConfigOf, type Env } from '@gaara/config';
import { retryTopology, type RetryTopology } from '@gaara/messaging';
import type { QueueName } from './parse-args';
import { NOTIFICATIONS_QUEUE, PAYMENTS_QUEUE } from '@gaara/topology';

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

/** The topology of a queue: its tier topics and its dead-letter topic. */
export function topologyOf(queue: QueueName, env: DltEnv): RetryTopology {
  const delays =
    queue === 'payments' ? env.GAARA_PAYMENT_RETRY_DELAYS : env.GAARA_NOTIFICATION_RETRY_DELAYS;
  return retryTopology({ name: queue, delays, topicPrefix: env.GAARA_KAFKA_TOPIC_PREFIX });
}
