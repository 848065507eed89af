import { create } from '@bufbuild/protobuf';
import { notificationV1, paymentV1 } from '@gaara/contracts';
import type { GrpcClient } from '@gaara/grpc';
import type { SectionReading, SectionSource } from './section-source';

/** The key of the single stats copy each source keeps. */
const statsKey = 'stats';

/** Payment statistics behind the 'payment_service' breaker, with the section's stale-while-revalidate. */
export interface PaymentStatsSource {
  readonly client: Pick<GrpcClient<typeof paymentV1.PaymentService>, 'getPaymentStats'>;
  readonly source: SectionSource<paymentV1.PaymentStats>;
}

/** Notification statistics behind the 'notification_service' breaker. */
export interface NotificationStatsSource {
  readonly client: Pick<
    GrpcClient<typeof notificationV1.NotificationService>,
    'getNotificationStats'
  >;
  readonly source: SectionSource<notificationV1.NotificationStats>;
}

/** Read by the dashboard and the health view alike, so both share one copy and one breaker. */
export function readPaymentStats(
  stats: PaymentStatsSource,
): Promise<SectionReading<paymentV1.PaymentStats>> {
  return stats.source.read(statsKey, async ({ signal, timeoutMs }) => {
    const response = await stats.client.getPaymentStats({}, { signal, deadlineMs: timeoutMs });
    return response.stats ?? create(paymentV1.PaymentStatsSchema);
  });
}

export function readNotificationStats(
  stats: NotificationStatsSource,
): Promise<SectionReading<notificationV1.NotificationStats>> {
  return stats.source.read(statsKey, async ({ signal, timeoutMs }) => {
    const response = await stats.client.getNotificationStats({}, { signal, deadlineMs: timeoutMs });
    return response.stats ?? create(notificationV1.NotificationStatsSchema);
  });
}
