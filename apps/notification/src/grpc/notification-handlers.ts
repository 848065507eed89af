import type { notificationV1 } from '@gaara/contracts';
import type { ServiceImplementation } from '@gaara/grpc';
import { withTransientRetry } from '@gaara/db';
import { countsByWireStatus } from '@gaara/tasks';
import { parseEmailRequest } from '../domain/email-request';
import type { EmailDispatcher } from '../email-dispatcher';
import type { NotificationStatsView } from '../notification-stats';
import { breakerStateToWire, OUTCOME_TO_WIRE, STATUS_TO_WIRE } from './notification-message';
import { toGrpcError } from './to-grpc-error';

/** Where a queued task of a SendEmail says it came from. */
export const SEND_EMAIL_SOURCE = 'grpc:SendEmail';

/** NotificationService over the use cases; every error goes through toGrpcError. */
export function notificationHandlers(
  dispatcher: EmailDispatcher,
  readStats: () => Promise<NotificationStatsView>,
): ServiceImplementation<typeof notificationV1.NotificationService> {
  return {
    async sendEmail(request) {
      try {
        const email = parseEmailRequest({
          to: request.to,
          template: request.template,
          params: request.params,
          idempotencyKey: request.idempotencyKey,
        });
        const outcome = await dispatcher.sendOrQueue(email, SEND_EMAIL_SOURCE);
        return {
          notificationId: outcome.notificationId,
          status: OUTCOME_TO_WIRE[outcome.status],
          detail: outcome.detail,
        };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async getNotificationStats() {
      try {
        const stats = await withTransientRetry(readStats);
        return {
          stats: {
            statusCounts: countsByWireStatus(stats.statusCounts, STATUS_TO_WIRE),
            lastHourCounts: countsByWireStatus(stats.lastHourCounts, STATUS_TO_WIRE),
            retryTopics: (stats.retryTopics ?? []).map((t) => ({
              topic: t.topic,
              depth: BigInt(t.depth),
            })),
            deadLetterCount: BigInt(stats.deadLetterCount ?? 0),
            breakers: stats.breakers.map((b) => ({
              name: b.name,
              state: breakerStateToWire(b.state),
            })),
          },
        };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },
  };
}
