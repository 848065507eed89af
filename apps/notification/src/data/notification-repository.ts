import { randomUUID } from 'node:crypto';
import type { Knex } from '@gaara/db';
import type { MessageToPublish } from '@gaara/messaging';
import { TaskLedger } from '@gaara/tasks';
import type { Notification, NotificationStatus } from '../domain/notification';
import { toNotification, type NotificationRow } from './notification-rows';

/** A notification to store: `pending` to be sent, or `failed` at once (e.g. an event with a bad address). */
export interface NotificationDraft {
  readonly idempotencyKey: string;
  readonly recipient: string;
  readonly template: string;
  readonly params: Readonly<Record<string, string>>;
  readonly status: 'pending' | 'failed';
  readonly lastError?: string;
}

/** A held claim: the row is `processing` with `attempts` = this value until an outcome is written. */
export interface Claim {
  readonly notification: Notification;
  readonly attempts: number;
}

/**
 * Reads and writes notifications; each method is one statement or one transaction, so callers may retry it.
 * Outcome writes are fenced on (status = processing, attempts = the claim's): a late writer whose claim was
 * taken over changes nothing; `sent` alone also lands on its own attempt re-queued by the sweeper (see markSent).
 */
export class NotificationRepository {
  private readonly ledger: TaskLedger<NotificationRow>;

  constructor(private readonly db: Knex) {
    // dead_letter_base: the chain that dead-lettered a row; NULL on rows dead-lettered before the column (legacy).
    this.ledger = new TaskLedger(db, 'notifications', {
      deadLetterChain: 'dead_letter_base',
      replayUnchained: true,
    });
  }

  /** Stores the draft unless its idempotency key exists; either way returns the stored notification. */
  async insertOrGet(
    draft: NotificationDraft,
  ): Promise<{ created: boolean; notification: Notification }> {
    const [row] = await this.db<NotificationRow>('notifications')
      .insert({
        id: randomUUID(),
        idempotency_key: draft.idempotencyKey,
        recipient: draft.recipient,
        template: draft.template,
        params: { ...draft.params },
        status: draft.status,
        last_error: draft.lastError ?? null,
      })
      .onConflict('idempotency_key')
      .ignore()
      .returning('*');
    if (row !== undefined) return { created: true, notification: toNotification(row) };
    const existing = await this.db<NotificationRow>('notifications')
      .where({ idempotency_key: draft.idempotencyKey })
      .first();
    if (existing === undefined)
      throw new Error('idempotency conflict without a stored notification');
    return { created: false, notification: toNotification(existing) };
  }

  async findById(id: string): Promise<Notification | undefined> {
    const row = await this.db<NotificationRow>('notifications').where({ id }).first();
    return row === undefined ? undefined : toNotification(row);
  }

  /**
   * Claims the row for one send: status in `from` and attempts = `expectedAttempts` → processing,
   * attempts + 1, leased for `leaseMs`. Undefined when another attempt got there first (stale or duplicate).
   */
  async claim(
    id: string,
    from: readonly NotificationStatus[],
    expectedAttempts: number,
    leaseMs: number,
  ): Promise<Claim | undefined> {
    const row = await this.ledger.claim(
      (query) => query.where({ id, attempts: expectedAttempts }).whereIn('status', [...from]),
      leaseMs,
    );
    return claimOf(row);
  }

  /**
   * Claims a dead-lettered row for the one send its replay stands for: dead_lettered and dead-lettered by
   * the chain `base` (or by an unknown chain: legacy rows) → processing. The status change is the fence: a
   * duplicate or stale replay finds no dead_lettered row (or another chain's) and gets undefined.
   */
  async claimDeadLettered(id: string, base: number, leaseMs: number): Promise<Claim | undefined> {
    return claimOf(await this.ledger.claimWaiting({ id, replayOf: base }, leaseMs));
  }

  /** Renews the claim's lease to now + `leaseMs` while the claim holds; false when it was lost (see TaskLedger). */
  renewLease(claim: Claim, leaseMs: number): Promise<boolean> {
    return this.ledger.renewLease({ id: claim.notification.id, attempts: claim.attempts }, leaseMs);
  }

  /**
   * processing → sent, also after the sweeper re-queued this attempt (its lease ran out while the write waited
   * on the database): the server has the e-mail, so the re-queued task must find nothing to send; and again
   * after a write whose answer was lost. False when a later attempt claimed the row.
   */
  async markSent(claim: Claim, messageId: string): Promise<boolean> {
    const fence = { id: claim.notification.id, attempts: claim.attempts };
    const changes = { status: 'sent', message_id: messageId, last_error: null, lease_until: null };
    return (await this.ledger.recordFinal(fence, changes)) !== undefined;
  }

  /** processing → failed for good; false when the claim was lost. */
  markFailed(claim: Claim, reason: string): Promise<boolean> {
    return this.finish(claim, { status: 'failed', last_error: reason });
  }

  /**
   * processing → dead_lettered (retries of chain `base` exhausted; its task goes to the DLT); false when the
   * claim was lost.
   */
  markDeadLettered(claim: Claim, reason: string, base: number): Promise<boolean> {
    return this.finish(claim, {
      status: 'dead_lettered',
      last_error: reason,
      dead_letter_base: base,
    });
  }

  /**
   * processing → queued and, in the same transaction, `messages` (the retry task) into the outbox; with a
   * lost claim nothing is written and the result is false. `messages` may be empty when the retry lib itself
   * moves the task to its next tier.
   */
  markQueued(
    claim: Claim,
    reason: string,
    messages: readonly MessageToPublish[],
  ): Promise<boolean> {
    return this.finish(claim, { status: 'queued', last_error: reason }, messages);
  }

  /**
   * Re-queues up to `limit` rows whose `processing` lease ran out (their sender crashed or hung), each with
   * the retry task `taskFor` builds, in one transaction. Returns how many were re-queued.
   */
  async requeueExpired(
    taskFor: (notification: Notification) => MessageToPublish,
    limit = 100,
  ): Promise<number> {
    const rows = await this.ledger.requeueExpired({
      statuses: ['processing'],
      limit,
      changes: () => ({ status: 'queued', last_error: 'lease expired' }),
      messageFor: (row) => taskFor(toNotification(row)),
    });
    return rows.length;
  }

  /** E-mails per status (statuses without any are absent); only those changed at or after `since` if given. */
  countByStatus(since?: Date): Promise<Map<NotificationStatus, number>> {
    return this.ledger.countByStatus<NotificationStatus>(since);
  }

  private async finish(
    claim: Claim,
    changes: Partial<
      Pick<NotificationRow, 'status' | 'message_id' | 'last_error' | 'dead_letter_base'>
    >,
    messages: readonly MessageToPublish[] = [],
  ): Promise<boolean> {
    const fence = { id: claim.notification.id, attempts: claim.attempts };
    return (
      (await this.ledger.record(fence, { ...changes, lease_until: null }, messages)) !== undefined
    );
  }
}

/** The claim a claimed row stands for (undefined: nothing was claimed). */
function claimOf(row: NotificationRow | undefined): Claim | undefined {
  return row === undefined
    ? undefined
    : { notification: toNotification(row), attempts: row.attempts };
}
