import type { Knex } from '@gaara/db';
import type { OutboxRow } from './outbox-row';

/** A batch a relay leased: its rows in id order and the lease's end as PostgreSQL text (its exact value). */
export interface OutboxClaim {
  readonly rows: readonly OutboxRow[];
  readonly claimedUntil: string;
}

/**
 * Leases up to `batchSize` rows for `leaseMs` milliseconds in one autocommitted statement: the oldest rows not
 * quarantined whose lease is NULL or past, skipping rows another relay is claiming right now (SKIP LOCKED). No
 * lock outlives the statement; the lease keeps other relays off the rows while this one publishes.
 */
export async function claimOutboxRows(
  db: Knex,
  table: string,
  batchSize: number,
  leaseMs: number,
): Promise<OutboxClaim | undefined> {
  const result = await db.raw<{ rows: (OutboxRow & { claimed_until: string })[] }>(
    `UPDATE ?? AS o SET claimed_until = now() + ? * interval '1 millisecond'
     FROM (SELECT id FROM ?? WHERE failed_at IS NULL AND (claimed_until IS NULL OR claimed_until <= now())
           ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED) AS c
     WHERE o.id = c.id
     RETURNING o.id, o.topic, o.key, o.value, o.headers, o.claimed_until::text AS claimed_until`,
    [table, leaseMs, table, batchSize],
  );
  const first = result.rows[0];
  if (first === undefined) return undefined;
  // RETURNING has no order; ids are bigint, returned as strings by the driver.
  const rows = [...result.rows].sort((a, b) => compareIds(a.id, b.id));
  return { rows, claimedUntil: first.claimed_until };
}

/** Deletes published rows, whoever holds their lease now (they were published: at-least-once is kept). */
export async function deleteOutboxRows(
  db: Knex,
  table: string,
  ids: readonly (string | number)[],
): Promise<void> {
  if (ids.length === 0) return;
  await db(table)
    .whereIn('id', [...ids])
    .delete();
}

/** Gives rows back after a failed publish so the next pass retries them, unless another relay leased them since. */
export async function releaseOutboxClaim(
  db: Knex,
  table: string,
  ids: readonly (string | number)[],
  claimedUntil: string,
): Promise<void> {
  if (ids.length === 0) return;
  await db(table)
    .whereIn('id', [...ids])
    .andWhere('claimed_until', claimedUntil)
    .update({ claimed_until: null });
}

/** Marks a row as never publishable with the reason (at most 1000 characters); relays skip it from then on. */
export async function quarantineOutboxRow(
  db: Knex,
  table: string,
  id: string | number,
  reason: string,
): Promise<void> {
  await db(table)
    .where('id', id)
    .update({ failed_at: db.fn.now(), failure: reason.slice(0, 1000), claimed_until: null });
}

function compareIds(a: string | number, b: string | number): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}
