import type { Knex } from '@gaara/db';
import { TaskLedger } from '@gaara/tasks';

/** The payments table as a task ledger (claims, fenced outcomes, lease sweeps all go through it). */
export function paymentLedger<Row extends { id: string; attempts: number }>(
  db: Knex,
): TaskLedger<Row> {
  return new TaskLedger<Row>(db, 'payments');
}
