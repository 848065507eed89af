import type { Knex } from '@gaara/db';

/**
 * In-process news of outbox rows committed, per table name, so a relay publishes them at once instead of at its
 * next poll (issue #10: the poll was every 200 ms at rest in payment and notification; it is now only the safety
 * net for rows this process did not write, e.g. a crashed replica's). A spurious call (another database with a
 * table of the same name, a savepoint released before the outer commit) only costs one empty relay pass.
 */
const listeners = new Map<string, Set<() => void>>();

/** Calls `listener` after each commit of a transaction that enqueued rows into `table`; returns the unsubscribe. */
export function onOutboxCommitted(table: string, listener: () => void): () => void {
  let set = listeners.get(table);
  if (set === undefined) {
    set = new Set();
    listeners.set(table, set);
  }
  set.add(listener);
  return () => {
    set.delete(listener);
    if (set.size === 0) listeners.delete(table);
  };
}

/** Tells `table`'s listeners once `trx` committed (nothing on rollback). */
export function announceOnCommit(trx: Knex.Transaction, table: string): void {
  // executionPromise settles when the transaction ends: resolved on commit, rejected on rollback (the caller
  // sees that rejection through its own `transaction(...)` promise; this handler only keeps it handled here).
  trx.executionPromise.then(
    () => announceCommitted(table),
    () => undefined,
  );
}

/** Tells `table`'s listeners now: a single statement (no transaction) that enqueued rows has just committed. */
export function announceCommitted(table: string): void {
  for (const listener of listeners.get(table) ?? []) listener();
}
