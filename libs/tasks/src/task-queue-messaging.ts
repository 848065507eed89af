import type { Knex } from '@gaara/db';
import {
  startParts,
  startRetryConsumers,
  type OnStop,
  type Publisher,
  type RetryConsumersOptions,
} from '@gaara/messaging';
import type { OutboxRelay } from './outbox/outbox-relay';
import { startOutboxPublishing } from './outbox/outbox-publishing';

/** Options of {@link startTaskQueueMessaging}: the retry consumers' options without the publisher. */
export type TaskQueueMessagingOptions = Omit<RetryConsumersOptions, 'publisher'> & {
  readonly db: Knex;
  /** Topics besides the tiers and the dead letters that must exist, e.g. the events topic. */
  readonly otherTopics: readonly string[];
};

/**
 * The Kafka side of a service with a task queue (payment, notification): publisher, topics and outbox relay,
 * then `extras` (more consumers, started in order), then one consumer per retry tier. All or none: on failure
 * it stops what it started and throws, so the caller can try again while Kafka is down.
 */
export async function startTaskQueueMessaging<T extends object = object>(
  options: TaskQueueMessagingOptions,
  extras?: (onStop: OnStop, publisher: Publisher) => Promise<T>,
): Promise<T & { relay: OutboxRelay; stop(): Promise<void> }> {
  const { db, otherTopics, ...consumerOptions } = options;
  return startParts(async (onStop) => {
    const { publisher, relay } = await startOutboxPublishing(onStop, {
      client: options.client,
      db,
      topics: [...options.topology.topics, ...otherTopics],
      logger: options.logger,
    });
    const more = extras === undefined ? ({} as T) : await extras(onStop, publisher);
    const consumers = await startRetryConsumers({ ...consumerOptions, publisher });
    onStop(() => consumers.stop());
    return { ...more, relay };
  }, options.logger);
}
