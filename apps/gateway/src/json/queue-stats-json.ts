import { commonV1, notificationV1, paymentV1 } from '@gaara/contracts';

/** Breaker states as the HTTP API names them. */
export type BreakerStateName = 'closed' | 'open' | 'half_open' | 'unknown';

const breakerStateNames: Readonly<Record<commonV1.BreakerState, BreakerStateName>> = {
  [commonV1.BreakerState.UNSPECIFIED]: 'unknown',
  [commonV1.BreakerState.CLOSED]: 'closed',
  [commonV1.BreakerState.OPEN]: 'open',
  [commonV1.BreakerState.HALF_OPEN]: 'half_open',
};

/** Counts are uint64 on the wire; no store holds 2^53 payments, so a JSON number is exact. */
function count(value: bigint | undefined): number {
  return Number(value ?? 0n);
}

function countOf<S>(counts: readonly { status: S; count: bigint }[], status: S): number {
  return count(counts.find((entry) => entry.status === status)?.count);
}

function queueJson(stats: {
  retryTopics: readonly commonV1.TopicDepth[];
  deadLetterCount: bigint;
  breakers: readonly commonV1.BreakerStatus[];
}) {
  return {
    retryTopics: stats.retryTopics.map((topic) => ({
      topic: topic.topic,
      depth: count(topic.depth),
    })),
    deadLetterDepth: count(stats.deadLetterCount),
    breakers: stats.breakers.map((breaker) => ({
      name: breaker.name,
      state: breakerStateNames[breaker.state] ?? 'unknown',
    })),
  };
}

/** The payments section's stats: pending retries (QUEUED), outcomes (all-time and last hour), topic depths, dead letters, breakers. */
export function paymentStatsJson(stats: paymentV1.PaymentStats | undefined) {
  if (stats === undefined) return null;
  const { PaymentStatus } = paymentV1;
  const counts = stats.statusCounts;
  return {
    pendingRetries: countOf(counts, PaymentStatus.QUEUED),
    inFlight: countOf(counts, PaymentStatus.PENDING),
    succeeded: countOf(counts, PaymentStatus.SUCCEEDED),
    failed: countOf(counts, PaymentStatus.FAILED),
    deadLettered: countOf(counts, PaymentStatus.DEAD_LETTERED),
    lastHour: {
      succeeded: countOf(stats.lastHourCounts, PaymentStatus.SUCCEEDED),
      failed: countOf(stats.lastHourCounts, PaymentStatus.FAILED),
      deadLettered: countOf(stats.lastHourCounts, PaymentStatus.DEAD_LETTERED),
    },
    ...queueJson(stats),
  };
}

/** The notifications section's stats: pending retries (QUEUED), outcomes, topic depths, dead letters, breakers. */
export function notificationStatsJson(stats: notificationV1.NotificationStats | undefined) {
  if (stats === undefined) return null;
  const { EmailStatus } = notificationV1;
  const counts = stats.statusCounts;
  return {
    pendingRetries: countOf(counts, EmailStatus.QUEUED),
    sent: countOf(counts, EmailStatus.SENT),
    failed: countOf(counts, EmailStatus.FAILED),
    lastHour: {
      sent: countOf(stats.lastHourCounts, EmailStatus.SENT),
      failed: countOf(stats.lastHourCounts, EmailStatus.FAILED),
    },
    ...queueJson(stats),
  };
}
