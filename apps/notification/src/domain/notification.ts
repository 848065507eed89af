/**
 * Where an e-mail is in its life: pending (stored, never tried) → processing (claimed, a send in flight) →
 * sent | queued (waiting on a retry tier) | failed (permanent error: 5xx, bad address; never sent again) |
 * dead_lettered (retries exhausted, task on the DLT; only a replay of that task claims it again).
 */
export type NotificationStatus =
  'pending' | 'processing' | 'sent' | 'queued' | 'failed' | 'dead_lettered';

export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = [
  'pending',
  'processing',
  'sent',
  'queued',
  'failed',
  'dead_lettered',
];

/** One stored e-mail, over all its attempts. */
export interface Notification {
  readonly id: string;
  readonly idempotencyKey: string;
  /** PII: never log it or put it on spans. */
  readonly recipient: string;
  readonly template: string;
  readonly params: Readonly<Record<string, string>>;
  readonly status: NotificationStatus;
  /** Send attempts made so far (claims). */
  readonly attempts: number;
  /** Sanitized reason of the last failure; undefined if none. */
  readonly lastError: string | undefined;
  /** Message-ID the SMTP server accepted; undefined until sent. */
  readonly messageId: string | undefined;
  /** EmailTask.attempts_before of the dead-lettered chain (only its replay may claim); undefined if unknown. */
  readonly deadLetterBase: number | undefined;
}

/** What a caller learns about an e-mail: sent, waiting for a retry, or failed for good. */
export interface SendOutcome {
  readonly notificationId: string;
  readonly status: 'sent' | 'queued' | 'failed';
  /** Sanitized reason when queued or failed; empty when sent. */
  readonly detail: string;
}

/**
 * The caller-facing outcome of a stored notification (a send in flight reads as queued, a dead-lettered one
 * as failed until an operator replays it).
 */
export function outcomeOf(notification: Notification): SendOutcome {
  switch (notification.status) {
    case 'sent':
      return { notificationId: notification.id, status: 'sent', detail: '' };
    case 'failed':
    case 'dead_lettered':
      return {
        notificationId: notification.id,
        status: 'failed',
        detail: notification.lastError ?? 'failed',
      };
    case 'pending':
    case 'processing':
      return { notificationId: notification.id, status: 'queued', detail: 'being sent' };
    case 'queued':
      return {
        notificationId: notification.id,
        status: 'queued',
        detail: notification.lastError ?? 'waiting for a retry',
      };
  }
}
