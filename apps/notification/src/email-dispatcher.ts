import { withTransientRetry } from '@gaara/db';
import type { RetryTopology, WorkItem, WorkOutcome } from '@gaara/messaging';
import type { Claim, NotificationRepository } from './data/notification-repository';
import type { EmailRequest } from './domain/email-request';
import { renderTemplate } from './domain/email-templates';
import { messageIdFor } from './domain/message-id';
import { outcomeOf, type Notification, type SendOutcome } from './domain/notification';
import { EmailDeliveryError } from './domain/notification-errors';
import { sanitizeErrorText } from './domain/sanitize';
import type { EmailSender } from './email/email-sender';
import { toDeliveryError } from './email/classify-smtp-error';
import { emailTasks, type EmailTask } from './messaging/email-task';
import { classifyTaskDelivery } from './messaging/task-delivery';
import { keepLease } from './lease-keeper';
import { recordSent } from './record-sent';

/**
 * How long the dispatcher keeps trying to write `sent` after the server accepted an e-mail, in milliseconds
 * (EmailDispatcherOptions.sentWriteBoundMs's default): well past the lease, since the write also lands on a
 * re-queued row; a database out for longer than this gets the e-mail sent again.
 */
const SENT_WRITE_BOUND_MS = 10 * 60_000;

/** Where the new chain of a replay that failed transiently says it came from. */
const REPLAY_SOURCE = 'notification.dead-letter-replay';

/** What one send attempt came to: a final outcome (already stored) or a transient failure to queue. */
type AttemptResult =
  | { readonly kind: 'final'; readonly outcome: SendOutcome }
  | { readonly kind: 'transient'; readonly error: EmailDeliveryError };

/** pino-compatible subset the dispatcher logs through; never given addresses. */
export interface DispatcherLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** What the dispatcher needs of the notifications table (NotificationRepository; a fake in unit specs). */
export type NotificationStore = Pick<
  NotificationRepository,
  | 'insertOrGet'
  | 'findById'
  | 'claim'
  | 'claimDeadLettered'
  | 'markSent'
  | 'markFailed'
  | 'markDeadLettered'
  | 'markQueued'
  | 'renewLease'
>;

/** Collaborators of {@link EmailDispatcher}. */
export interface EmailDispatcherOptions {
  readonly repository: NotificationStore;
  readonly sender: EmailSender;
  readonly topology: RetryTopology;
  /** How long a claim is held before the sweeper may re-queue it, in milliseconds. */
  readonly leaseMs: number;
  /** How long to keep trying to write `sent` once the server accepted, in milliseconds; defaults to 600000. */
  readonly sentWriteBoundMs?: number;
  readonly logger?: DispatcherLogger;
}

/**
 * The "send or queue" use case shared by SendEmail, the payments.events consumer and the retry tiers.
 *
 * SMTP cannot be exactly-once: a crash between the server's 250 and our commit sends the e-mail again on the
 * next attempt. Once the server accepted, a failing `sent` write is retried (past the lease: it lands on a
 * re-queued row too) and never counts as a failed send (queueing it would send it again). What we guarantee: the
 * unique idempotency key makes a redelivered event or replayed request a no-op, every claim is fenced (status + attempts), and every attempt carries the same Message-ID and
 * X-Gaara-Idempotency-Key so the rare duplicate is recognizable downstream.
 */
export class EmailDispatcher {
  constructor(private readonly options: EmailDispatcherOptions) {}

  /**
   * Stores the e-mail under its idempotency key and sends it once: a known key returns the stored outcome
   * without sending (a never-claimed `pending` row is claimed, so a crash before the first send heals).
   * Transient failure → queued with a first-tier task; permanent → failed. `source` is the originating topic
   * or RPC, for the task's headers.
   */
  async sendOrQueue(request: EmailRequest, source: string): Promise<SendOutcome> {
    const { repository } = this.options;
    const { notification } = await withTransientRetry(() =>
      repository.insertOrGet({
        idempotencyKey: request.idempotencyKey,
        recipient: request.to,
        template: request.template,
        params: request.params,
        status: 'pending',
      }),
    );
    if (notification.status !== 'pending') return outcomeOf(notification);
    const claim = await withTransientRetry(() =>
      repository.claim(notification.id, ['pending'], 0, this.options.leaseMs),
    );
    if (claim === undefined) return this.currentOutcome(notification);
    const result = await this.sendClaimed(claim);
    if (result.kind !== 'transient') return result.outcome;
    const task: EmailTask = {
      notificationId: claim.notification.id,
      attemptsBefore: claim.attempts,
    };
    const reason = result.error.message;
    await withTransientRetry(() =>
      repository.markQueued(claim, reason, [
        emailTasks.firstTierMessage(this.options.topology, task, source, result.error),
      ]),
    );
    return { notificationId: claim.notification.id, status: 'queued', detail: reason };
  }

  /** Stores an e-mail that can never be sent (bad address in an event) as failed, idempotently. */
  async recordUnsendable(request: EmailRequest, reason: string): Promise<SendOutcome> {
    const { notification } = await withTransientRetry(() =>
      this.options.repository.insertOrGet({
        idempotencyKey: request.idempotencyKey,
        recipient: request.to,
        template: request.template,
        params: request.params,
        status: 'failed',
        lastError: sanitizeErrorText(reason),
      }),
    );
    return outcomeOf(notification);
  }

  /**
   * Handles one task of a retry tier (see classifyTaskDelivery for which deliveries are current). A stale or
   * duplicate task claims nothing and is dropped ('done'); the last tier's transient failure dead-letters the
   * row and returns retry, so the lib puts the task on the DLT; a replay of that entry is handled by replay.
   */
  async retry(item: WorkItem): Promise<WorkOutcome> {
    const delivery = classifyTaskDelivery(item);
    if (delivery.kind === 'poison') return { outcome: 'dead', reason: delivery.reason };
    if (delivery.kind === 'replay') return this.replay(delivery.task);
    const { task, expectedAttempts } = delivery;
    const { repository } = this.options;
    const claim = await withTransientRetry(() =>
      repository.claim(task.notificationId, ['queued'], expectedAttempts, this.options.leaseMs),
    );
    if (claim === undefined) {
      return item.isLastTier ? this.deadLetterAgain(task, expectedAttempts) : { outcome: 'done' };
    }
    const result = await this.sendClaimed(claim);
    if (result.kind !== 'transient') return { outcome: 'done' };
    const reason = result.error.message;
    if (!item.isLastTier) {
      // The lib moves the same task to the next tier; nothing to write to the outbox.
      await withTransientRetry(() => repository.markQueued(claim, reason, []));
      return { outcome: 'retry', error: result.error };
    }
    const written = await withTransientRetry(() =>
      repository.markDeadLettered(claim, `retries exhausted: ${reason}`, task.attemptsBefore),
    );
    // A lost claim means the sweeper's newer chain owns the e-mail: no DLT entry for a stale task.
    return written ? { outcome: 'retry', error: result.error } : { outcome: 'done' };
  }

  /**
   * One send for a replayed DLT entry: claims the row only while it is dead_lettered by that entry's chain,
   * so a replay delivered twice, or "replay all" run twice, sends at most once. Sent or failed for good is
   * final; a transient failure starts a new chain on the first tier (attemptsBefore = attempts now) through
   * the outbox, keeping the tiers' attempts fence valid, and the replayed message is done.
   */
  private async replay(task: EmailTask): Promise<WorkOutcome> {
    const { repository, topology, leaseMs, logger } = this.options;
    const claim = await withTransientRetry(() =>
      repository.claimDeadLettered(task.notificationId, task.attemptsBefore, leaseMs),
    );
    if (claim === undefined) return { outcome: 'done' };
    logger?.info({ notificationId: task.notificationId }, 'replaying a dead-lettered e-mail');
    const result = await this.sendClaimed(claim);
    if (result.kind !== 'transient') return { outcome: 'done' };
    const next: EmailTask = { notificationId: task.notificationId, attemptsBefore: claim.attempts };
    await withTransientRetry(() =>
      repository.markQueued(claim, result.error.message, [
        emailTasks.firstTierMessage(topology, next, REPLAY_SOURCE, result.error),
      ]),
    );
    return { outcome: 'done' };
  }

  /**
   * A last-tier task that claims nothing: when its own attempt already dead-lettered the row, the DLT publish
   * was lost (the lib redelivers until it succeeds), so hand back retry for the entry to be written again.
   */
  private async deadLetterAgain(task: EmailTask, expectedAttempts: number): Promise<WorkOutcome> {
    const row = await withTransientRetry(() =>
      this.options.repository.findById(task.notificationId),
    );
    const ownDeadLetter =
      row?.status === 'dead_lettered' &&
      row.deadLetterBase === task.attemptsBefore &&
      row.attempts === expectedAttempts + 1;
    if (!ownDeadLetter) return { outcome: 'done' };
    const reason = row.lastError ?? 'retries exhausted';
    return {
      outcome: 'retry',
      error: new EmailDeliveryError(reason, true, 'RETRIES_EXHAUSTED'),
    };
  }

  /**
   * Renders and sends a claimed e-mail; writes the fenced outcome when it is final (sent, or a permanent
   * failure) and leaves a transient failure for the caller to queue or dead-letter. The claim's lease is renewed
   * meanwhile, so a send slower than one lease is not re-queued (and sent again) by the sweeper.
   */
  private async sendClaimed(claim: Claim): Promise<AttemptResult> {
    const { repository, logger, leaseMs } = this.options;
    const notification = claim.notification;
    const fields = { notificationId: notification.id, attempt: claim.attempts };
    // Renewed while this attempt lives: the sweeper re-queues only claims whose holder is gone.
    const lease = keepLease(() => repository.renewLease(claim, leaseMs), leaseMs, {
      logger,
      fields,
    });
    try {
      return await this.sendAndRecord(claim);
    } finally {
      lease.stop();
    }
  }

  /** sendClaimed's attempt under its kept lease. */
  private async sendAndRecord(claim: Claim): Promise<AttemptResult> {
    const { repository, sender, logger } = this.options;
    const notification = claim.notification;
    const fields = { notificationId: notification.id, attempt: claim.attempts };
    const rendered = renderTemplate(notification.template, notification.params);
    let messageId: string;
    try {
      ({ messageId } = await sender.send({
        to: notification.recipient,
        subject: rendered.subject,
        text: rendered.text,
        messageId: messageIdFor(notification.idempotencyKey),
        idempotencyKey: notification.idempotencyKey,
      }));
    } catch (caught: unknown) {
      const error = toDeliveryError(caught);
      logger?.warn(
        { ...fields, errorClass: error.errorClass, transient: error.transient },
        'e-mail attempt failed',
      );
      if (error.transient) return { kind: 'transient', error };
      await withTransientRetry(() => repository.markFailed(claim, error.message));
      return {
        kind: 'final',
        outcome: { notificationId: notification.id, status: 'failed', detail: error.message },
      };
    }
    // The server has it: from here a failure is the database's, never a reason to send again. Tried past the
    // lease: a re-queued row still takes the write, and its task then finds nothing to send.
    const deadline = Date.now() + (this.options.sentWriteBoundMs ?? SENT_WRITE_BOUND_MS);
    const written = await recordSent(() => repository.markSent(claim, messageId), {
      deadline: () => deadline,
    });
    if (!written) logger?.warn(fields, 'e-mail sent after a later attempt claimed it');
    logger?.info(fields, 'e-mail sent');
    return {
      kind: 'final',
      outcome: { notificationId: notification.id, status: 'sent', detail: '' },
    };
  }

  private async currentOutcome(notification: Notification): Promise<SendOutcome> {
    const current = await withTransientRetry(() =>
      this.options.repository.findById(notification.id),
    );
    return outcomeOf(current ?? notification);
  }
}
