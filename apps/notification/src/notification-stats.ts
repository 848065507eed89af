import {
  deadLetterDepth,
  topicDepths,
  type MessagingClient,
  type RetryTopology,
} from '@gaara/messaging';
import type { BreakerRegistry, BreakerSnapshot } from '@gaara/resilience';
import type { NotificationRepository } from './data/notification-repository';
import type { NotificationStatus } from './domain/notification';
import { EMAIL_RETRY_GROUP_PREFIX, groupIdFor } from './messaging/notification-messaging';

/** What GetNotificationStats reports. */
export interface NotificationStatsView {
  readonly statusCounts: ReadonlyMap<NotificationStatus, number>;
  /** Undefined while Kafka cannot be asked. */
  readonly retryTopics: ReadonlyArray<{ topic: string; depth: number }> | undefined;
  readonly deadLetterCount: number | undefined;
  readonly breakers: readonly BreakerSnapshot[];
}

/**
 * Counts by status from the database, retry-topic depths and the dead-letter count from Kafka, breakers from
 * the registry. Kafka being down leaves its part empty (logged) instead of failing the whole call: the
 * dashboard still wants the rest.
 */
export async function readNotificationStats(deps: {
  readonly repository: NotificationRepository;
  readonly client: MessagingClient;
  readonly topology: RetryTopology;
  readonly topicPrefix: string;
  readonly breakers: BreakerRegistry;
  readonly logger?: { warn(obj: object, msg: string): void };
}): Promise<NotificationStatsView> {
  const statusCounts = await deps.repository.countByStatus();
  let retryTopics: NotificationStatsView['retryTopics'];
  let deadLetterCount: number | undefined;
  try {
    [retryTopics, deadLetterCount] = await Promise.all([
      topicDepths(
        deps.client,
        deps.topology,
        groupIdFor(deps.topicPrefix, EMAIL_RETRY_GROUP_PREFIX),
      ),
      deadLetterDepth(deps.client, deps.topology),
    ]);
  } catch (error: unknown) {
    deps.logger?.warn({ err: error }, 'retry-topic depths unavailable');
  }
  return { statusCounts, retryTopics, deadLetterCount, breakers: deps.breakers.list() };
}
