import type { Knex } from '@gaara/db';
import { whereWaitingFor, type TaskIdentity } from './payment-claims';

/**
 * Keeps the row that waits for exactly `task` waiting while the task is deferred: a `queued` row's lease is
 * extended to at least now + `holdMs` (so the sweeper does not start a competing chain meanwhile); nothing
 * else changes — no claim, no attempt, same chain and tier (see payment-claims.ts, point 6).
 * @returns whether a row waits for this task (false: the task is stale or a duplicate, nothing to defer)
 */
export async function holdForDeferral(
  db: Knex,
  task: TaskIdentity,
  holdMs: number,
): Promise<boolean> {
  const rows = (await whereWaitingFor(db('payments'), task)
    .update({
      lease_until: db.raw(
        `case when status = 'queued' then greatest(lease_until, now() + ?::int * interval '1 millisecond') else lease_until end`,
        [Math.ceil(holdMs)],
      ),
    })
    .returning('id')) as { id: string }[];
  return rows.length > 0;
}
