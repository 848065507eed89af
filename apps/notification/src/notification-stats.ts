import type { QueueDepthWatch } from '@gaara/messaging';
import type { BreakerRegistry, BreakerSnapshot } from '@gaara/resilience';
import type { NotificationRepository } from './data/notification-repository';
import type { NotificationStatus } from './domain/notification';

/** What GetNotificationStats reports. */
export interface NotificationStatsView {
  readonly statusCounts: ReadonlyMap<NotificationStatus, number>;
  /** The same counts among e-mails whose status changed in the last hour. */
  readonly lastHourCounts: ReadonlyMap<NotificationStatus, number>;
  /** Undefined while Kafka has not been measured yet. */
  readonly retryTopics: ReadonlyArray<{ topic: string; depth: number }> | undefined;
  readonly deadLetterCount: number | undefined;
  readonly breakers: readonly BreakerSnapshot[];
}

/**
 * Counts by status from the database, retry-topic depths and the dead-letter count from the background
 * measurement (never waiting on Kafka: the dashboard still wants the rest), breakers from the registry.
 */
export async function readNotificationStats(deps: {
  readonly repository: NotificationRepository;
  readonly depths: QueueDepthWatch;
  readonly breakers: BreakerRegistry;
}): Promise<NotificationStatsView> {
  const [statusCounts, lastHourCounts] = await Promise.all([
    deps.repository.countByStatus(),
    deps.repository.countByStatus(new Date(Date.now() - 3_600_000)),
  ]);
  const depths = deps.depths.current();
  return {
    statusCounts,
    lastHourCounts,
    retryTopics: depths.measuredAt === undefined ? undefined : depths.retryTopics,
    deadLetterCount: depths.deadLetters,
    breakers: deps.breakers.list(),
  };
}
