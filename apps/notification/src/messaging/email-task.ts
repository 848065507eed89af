import { notificationV1 } from '@gaara/contracts';
import { taskKind, type LedgerTask } from '@gaara/tasks';

/**
 * The EmailTasks on notifications.retry.*: `type` is their `gaara-type`, `parse` reads one, `firstTierMessage`
 * is the outbox message that puts an e-mail on the FIRST retry tier after a failed attempt (key = notification
 * id, so one e-mail's tasks stay on one partition).
 */
export const emailTasks = taskKind(notificationV1.EmailTaskSchema, 'notificationId');

/** A parsed EmailTask (`attemptsBefore`: send attempts already made when the task was first queued). */
export type EmailTask = LedgerTask<'notificationId'>;
