import type { Knex } from '@gaara/db';
import type { MessageToPublish } from '@gaara/messaging';
import { leaseFromNow } from './lease';
import { changeAndEnqueue, enqueueOutbox } from './outbox/outbox-enqueue';

/** How a ledger's table records which retry chain dead-lettered a row (see {@link TaskLedger.whereWaitingFor}). */
export interface TaskLedgerOptions {
  /**
   * The integer column holding, on a `dead_lettered` row, the chain that dead-lettered it (the attempt count the
   * chain started from, as its tasks carry it): a replay of that chain's dead-letter entry names it to claim the row.
   */
  readonly deadLetterChain: string;
  /**
   * Whether a `dead_lettered` row whose chain column is NULL (dead-lettered before the column existed) may be
   * claimed by a replay of any chain; defaults to false.
   */
  readonly replayUnchained?: boolean;
}

/**
 * The attempt one delivered retry task stands for, in the app's terms. A row waits for it while `queued` with the
 * column values of `queued` (the app's chain and tier, or its attempts fence), or, when the task is the replay of
 * a dead-letter entry, while `dead_lettered` by the chain `replayOf`. With neither, no row waits for it.
 */
export interface WaitingAttempt {
  readonly id: string;
  /** Values of a `queued` row for which this task is the one valid message, e.g. `{ retry_base: 3, retry_tier: 1 }`. */
  readonly queued?: Readonly<Record<string, string | number>>;
  /** Set on the replay of a dead-letter entry: the chain that dead-lettered the row (see deadLetterChain). */
  readonly replayOf?: number;
}

/**
 * The durable-task ledger shared by payment and notification: a table of tasks with `id`, `status`, `attempts`
 * (the attempts fence), `lease_until` and `updated_at`. A task is claimed for exactly one attempt by one
 * conditional UPDATE; every outcome is written fenced on (processing, the claimed attempt count) in one
 * transaction with the messages it causes (outbox), so a late attempt whose claim was taken over changes nothing
 * ({@link recordFinal} also accepts the same attempt re-queued since, for outcomes that must not be repeated).
 * Statuses the ledger itself reads or writes: `processing` (claimed), `queued` (waiting for its next retry task)
 * and `dead_lettered` (retries exhausted, waiting for a replay of its dead-letter entry); the app owns the rest.
 */
export class TaskLedger<Row extends { id: string; attempts: number }> {
  constructor(
    private readonly db: Knex,
    /** The table, e.g. `payments`. */
    readonly table: string,
    private readonly options: TaskLedgerOptions,
  ) {}

  /**
   * Claims the rows `match` selects for one attempt: → processing, attempts + 1, leased for `leaseMs`
   * (milliseconds). Undefined when no row matched: another attempt got there first (stale or duplicate task).
   */
  async claim(
    match: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
    leaseMs: number,
  ): Promise<Row | undefined> {
    const [row] = (await match(this.db(this.table))
      .update({
        status: 'processing',
        attempts: this.db.raw('attempts + 1'),
        lease_until: leaseFromNow(this.db, leaseMs),
        updated_at: this.db.fn.now(),
      })
      .returning('*')) as Row[];
    return row;
  }

  /**
   * Claims the row waiting for exactly `attempt` (see {@link whereWaitingFor}) for one attempt, leased for
   * `leaseMs` (milliseconds). Row locking lets one of two concurrent claims of the same attempt win; the status
   * change is the fence, so a duplicate or stale task (or a replay delivered twice) gets undefined.
   */
  claimWaiting(attempt: WaitingAttempt, leaseMs: number): Promise<Row | undefined> {
    return this.claim((query) => this.whereWaitingFor(query, attempt), leaseMs);
  }

  /**
   * Keeps the row waiting for `attempt` waiting while its task is deferred (put back on its tier without being
   * attempted): a `queued` row's lease is extended to at least now + `holdMs` (milliseconds, rounded up), so a
   * lease sweep does not start a competing chain meanwhile. Nothing else changes: no claim, same attempts, chain
   * and tier, `updated_at` untouched; a `dead_lettered` row a replay waits for keeps its (absent) lease.
   * @returns whether a row waits for this task (false: it is stale or a duplicate, nothing to defer)
   */
  async holdWaiting(attempt: WaitingAttempt, holdMs: number): Promise<boolean> {
    const rows = (await this.whereWaitingFor(this.db(this.table), attempt)
      .update({
        lease_until: this.db.raw(
          `case when status = 'queued' then greatest(lease_until, ?) else lease_until end`,
          [leaseFromNow(this.db, Math.ceil(holdMs))],
        ),
      })
      .returning('id')) as { id: string }[];
    return rows.length > 0;
  }

  /**
   * Renews the lease of the attempt `fence` claimed to now + `leaseMs` (milliseconds) while that attempt still
   * holds the row (processing, same attempts), so a live attempt slower than one lease (a slow external call) is
   * not re-queued by the sweeper beside it; only a holder that stopped renewing (crashed) is. Nothing else
   * changes, `updated_at` included. @returns false when the claim was lost (re-queued or finished)
   */
  async renewLease(
    fence: { readonly id: string; readonly attempts: number },
    leaseMs: number,
  ): Promise<boolean> {
    const rows = (await this.db(this.table)
      .where({ id: fence.id, status: 'processing', attempts: fence.attempts })
      .update({ lease_until: leaseFromNow(this.db, Math.ceil(leaseMs)) })
      .returning('id')) as { id: string }[];
    return rows.length > 0;
  }

  /**
   * Narrows `query` to the row waiting for exactly `attempt`: `id` and either `queued` with the values of
   * `attempt.queued`, or (a replay) `dead_lettered` with the deadLetterChain column = `attempt.replayOf` (or NULL
   * when replayUnchained). The claim and the deferral hold use the same condition.
   */
  whereWaitingFor(query: Knex.QueryBuilder, attempt: WaitingAttempt): Knex.QueryBuilder {
    const { queued, replayOf } = attempt;
    const chain = this.options.deadLetterChain;
    return query.where({ id: attempt.id }).andWhere((waiting) => {
      if (queued === undefined && replayOf === undefined) void waiting.whereRaw('false');
      if (queued !== undefined) void waiting.orWhere({ ...queued, status: 'queued' });
      if (replayOf === undefined) return;
      void waiting.orWhere((dead) => {
        void dead.where({ status: 'dead_lettered' }).andWhere((byChain) => {
          void byChain.where(chain, replayOf);
          if (this.options.replayUnchained === true) void byChain.orWhereNull(chain);
        });
      });
    });
  }

  /**
   * Writes the outcome of the attempt `fence` claimed and, in the same statement, `messages` into the outbox.
   * `changes` may be a function of the query builder (for raw SQL). Undefined when the fence failed: nothing is
   * written and nothing is enqueued.
   */
  async record(
    fence: { readonly id: string; readonly attempts: number },
    changes: Record<string, unknown> | ((db: Knex) => Record<string, unknown>),
    messages: readonly MessageToPublish[] = [],
  ): Promise<Row | undefined> {
    return this.recordWhere(['processing'], fence, changes, messages);
  }

  /**
   * Writes a final outcome of the attempt `fence` claimed like {@link record}, and also when the lease sweeper
   * re-queued that attempt since (`queued`, same attempts): the attempt did happen and no later one has started,
   * so the outcome still holds, and the re-queued task, finding the row no longer waiting, is dropped as stale.
   * A row that already has this outcome from this attempt matches too: a repeat after a write whose answer was
   * lost (the connection dropped after the commit) is no "lost claim". For outcomes that must not be repeated (an
   * e-mail the server accepted), whose write may outlast the lease.
   */
  async recordFinal(
    fence: { readonly id: string; readonly attempts: number },
    changes: Record<string, unknown> & { readonly status: string },
  ): Promise<Row | undefined> {
    return this.recordWhere(['processing', 'queued', changes.status], fence, changes, []);
  }

  private async recordWhere(
    statuses: readonly string[],
    fence: { readonly id: string; readonly attempts: number },
    changes: Record<string, unknown> | ((db: Knex) => Record<string, unknown>),
    messages: readonly MessageToPublish[],
  ): Promise<Row | undefined> {
    const values = typeof changes === 'function' ? changes(this.db) : changes;
    const change = this.db(this.table)
      .where({ id: fence.id, attempts: fence.attempts })
      .whereIn('status', [...statuses])
      .update({ ...values, updated_at: this.db.fn.now() })
      .returning('*');
    const [row] = await changeAndEnqueue<Row>(this.db, change, messages);
    return row;
  }

  /** Rows per status (statuses without rows are absent); only rows changed at or after `since` if given. */
  async countByStatus<Status extends string>(since?: Date): Promise<Map<Status, number>> {
    const query = this.db(this.table);
    if (since !== undefined) void query.where('updated_at', '>=', since);
    const rows = (await query.select('status').count({ count: '*' }).groupBy('status')) as Array<{
      status: Status;
      count: string | number;
    }>;
    return new Map(rows.map((row) => [row.status, Number(row.count)]));
  }

  /**
   * Re-queues up to `limit` rows in `statuses` whose lease ran out, in ONE transaction: `changes` applied and
   * the retry message `messageFor` builds enqueued for each. Rows locked by a concurrent claim are skipped and
   * looked at by the next sweep. Returns the re-queued rows (as selected, before the change).
   */
  async requeueExpired(options: {
    readonly statuses: readonly string[];
    readonly limit: number;
    readonly changes: (trx: Knex) => Record<string, unknown>;
    readonly messageFor: (row: Row) => MessageToPublish;
  }): Promise<readonly Row[]> {
    return this.db.transaction(async (trx) => {
      const expired = (await trx(this.table)
        .whereIn('status', [...options.statuses])
        .andWhere('lease_until', '<', trx.fn.now())
        .orderBy('lease_until')
        .limit(options.limit)
        .forUpdate()
        .skipLocked()) as Row[];
      if (expired.length === 0) return [];
      await trx(this.table)
        .whereIn(
          'id',
          expired.map((row) => row.id),
        )
        .update({ ...options.changes(trx), updated_at: trx.fn.now() });
      await enqueueOutbox(trx, expired.map(options.messageFor));
      return expired;
    });
  }
}
