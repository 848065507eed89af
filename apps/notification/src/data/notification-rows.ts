import type { Notification, NotificationStatus } from '../domain/notification';

/** A notifications row as pg returns it. */
export interface NotificationRow {
  id: string;
  idempotency_key: string;
  recipient: string;
  template: string;
  params: Record<string, string>;
  status: NotificationStatus;
  attempts: number;
  last_error: string | null;
  lease_until: Date | null;
  message_id: string | null;
  dead_letter_base: number | null;
  created_at: Date;
  updated_at: Date;
}

export function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    recipient: row.recipient,
    template: row.template,
    params: row.params,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error ?? undefined,
    messageId: row.message_id ?? undefined,
    deadLetterBase: row.dead_letter_base ?? undefined,
  };
}
