// After a pass: did every accepted order end paid, charged once at the provider, with one receipt? Read from
// the sources of truth (payment and invoice schemas, the sandbox's charges and sent mails), as bench:payments.
import type { Knex } from 'knex';
import { delay } from '@gaara/launcher';
import type { SandboxControlClient } from '@gaara/sandbox';
import { ProviderLedger, readInvoices, readPayments } from './payments-ledger';
import type { PlacedOrder } from './payment-records';
import { receiptGaps, tally, unsettledCount } from './payments-tally';
import type { StoreSchemas } from './store-pass';

export interface Settlement {
  readonly settled: boolean;
  /** One line for the progress log. */
  readonly summary: string;
}

/** Waits (polling every 250 ms, at most `timeoutMs`) until no payment of `orders` is still not final. */
export async function waitPaymentsFinal(
  db: Knex,
  paymentSchema: string,
  orders: readonly PlacedOrder[],
  timeoutMs: number,
): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const left = unsettledCount(orders, await readPayments(db, paymentSchema));
    if (left === 0 || Date.now() >= until) return left;
    await delay(250);
  }
}

/**
 * Waits (at most `timeoutMs`) until every order is paid with its receipt sent, then judges: settled when every
 * order's payment succeeded with the invoice `paid`, the provider charged its key exactly once, and exactly one
 * receipt (`x-gaara-idempotency-key: receipt:<payment id>`) was sent. `unreadable` 202 answers (no ids) fail it.
 */
export async function judgeSettlement(
  db: Knex,
  schemas: StoreSchemas,
  sandbox: SandboxControlClient,
  orders: readonly PlacedOrder[],
  unreadable: number,
  timeoutMs: number,
): Promise<Settlement> {
  const ledger = new ProviderLedger(sandbox);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const payments = await readPayments(db, schemas.payment);
    const t = tally(orders, payments, await readInvoices(db, schemas.invoice), new Map());
    const gaps = receiptGaps(orders, payments, await ledger.mailsByKey());
    if ((t.paid === t.accepted && gaps.missing === 0) || Date.now() >= until) break;
    await delay(500);
  }
  // Hold a moment so a late duplicate charge or receipt would show.
  await delay(1000);
  const payments = await readPayments(db, schemas.payment);
  const charges = await ledger.chargesByKey();
  const t = tally(orders, payments, await readInvoices(db, schemas.invoice), charges);
  const gaps = receiptGaps(orders, payments, await ledger.mailsByKey());
  const chargedOnce = orders.filter((o) => charges.get(o.paymentId ?? '') === 1).length;
  const settled =
    unreadable === 0 &&
    t.accepted === orders.length &&
    t.paid === t.accepted &&
    chargedOnce === t.accepted &&
    gaps.missing === 0 &&
    gaps.duplicated === 0;
  return {
    settled,
    summary:
      `${t.accepted} accepted orders: ${t.paid} paid, ${t.deadLettered} dead-lettered, ${t.failed} failed, ` +
      `${t.unsettled} not final, ${t.missing} without payment/invoice; ${chargedOnce} charged exactly once ` +
      `(${t.multiCharged} more than once); receipts ${gaps.missing} missing, ${gaps.duplicated} duplicated` +
      (unreadable > 0 ? `; ${unreadable} 202 answers without ids` : ''),
  };
}
