import { commonV1, notificationV1 } from '@gaara/contracts';
import type { BreakerSnapshot } from '@gaara/resilience';
import type { NotificationStatus, SendOutcome } from '../domain/notification';

/** Wire status of an outcome. */
export const OUTCOME_TO_WIRE: Readonly<Record<SendOutcome['status'], notificationV1.EmailStatus>> =
  {
    sent: notificationV1.EmailStatus.SENT,
    queued: notificationV1.EmailStatus.QUEUED,
    failed: notificationV1.EmailStatus.FAILED,
  };

/**
 * Wire status a stored status counts as (pending and processing are on their way: queued; the contract's
 * FAILED includes dead-lettered, whose own count is GetNotificationStats' dead_letter_count).
 */
export const STATUS_TO_WIRE: Readonly<Record<NotificationStatus, notificationV1.EmailStatus>> = {
  pending: notificationV1.EmailStatus.QUEUED,
  processing: notificationV1.EmailStatus.QUEUED,
  queued: notificationV1.EmailStatus.QUEUED,
  sent: notificationV1.EmailStatus.SENT,
  failed: notificationV1.EmailStatus.FAILED,
  dead_lettered: notificationV1.EmailStatus.FAILED,
};

/** Wire state of a breaker (isolated reads as open). */
export function breakerStateToWire(state: BreakerSnapshot['state']): commonV1.BreakerState {
  switch (state) {
    case 'closed':
      return commonV1.BreakerState.CLOSED;
    case 'half-open':
      return commonV1.BreakerState.HALF_OPEN;
    case 'open':
    case 'isolated':
      return commonV1.BreakerState.OPEN;
  }
}
