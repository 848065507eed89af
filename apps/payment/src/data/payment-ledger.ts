import type { Knex } from '@gaara/db';
import { TaskLedger } from '@gaara/tasks';

/**
 * The payments table as a task ledger (claims, deferral holds, fenced outcomes, lease sweeps all go through it).
 * `retry_base` is the chain of a queued row and stays on a dead-lettered one: the chain a replay must name.
 */
export function paymentLedger<Row extends { id: string; attempts: number }>(
  db: Knex,
): TaskLedger<Row> {
  return new TaskLedger<Row>(db, 'payments', { deadLetterChain: 'retry_base' });
}
