import type { Knex } from '@gaara/db';
import type { MessageToPublish } from '@gaara/messaging';
import { leaseFromNow } from './lease';
import { enqueueOutbox } from './outbox/outbox-enqueue';

/**
 * The durable-task ledger shared by payment and notification: a table of tasks with `id`, `status`, `attempts`
 * (the attempts fence), `lease_until` and `updated_at`. A task is claimed for exactly one attempt by one
 * conditional UPDATE; every outcome is written fenced on (processing, the claimed attempt count) in one
 * transaction with the messages it causes (outbox), so a late attempt whose claim was taken over changes nothing.
 */
export class TaskLedger<Row extends { id: string; attempts: number }> {
  constructor(
    private readonly db: Knex,
    /** The table, e.g. `payments`. */
    readonly table: string,
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
   * Writes the outcome of the attempt `fence` claimed and, in the same transaction, `messages` into the outbox.
   * `changes` may be a function of the transaction (for raw SQL). Undefined when the fence failed: nothing is
   * written and nothing is enqueued.
   */
  async record(
    fence: { readonly id: string; readonly attempts: number },
    changes: Record<string, unknown> | ((trx: Knex) => Record<string, unknown>),
    messages: readonly MessageToPublish[] = [],
  ): Promise<Row | undefined> {
    return this.db.transaction(async (trx) => {
      const values = typeof changes === 'function' ? changes(trx) : changes;
      const [row] = (await trx(this.table)
        .where({ id: fence.id, status: 'processing', attempts: fence.attempts })
        .update({ ...values, updated_at: trx.fn.now() })
        .returning('*')) as Row[];
      if (row === undefined) return undefined;
      if (messages.length > 0) await enqueueOutbox(trx, messages);
      return row;
    });
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
