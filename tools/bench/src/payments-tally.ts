// The verdict on a set of orders from the sources of truth: payment rows, invoices, the provider's charges.
import type { PaymentRecord, PlacedOrder } from './payment-records';

// Re-exported for the load and ledger modules, which import the records from here.
export type { PaymentRecord, PlacedOrder } from './payment-records';

/** Payment statuses after which nothing more happens on its own (`failed` is final, yet counted as lost). */
export const finalStatuses: ReadonlySet<string> = new Set(['succeeded', 'failed', 'dead_lettered']);

export interface Tally {
  /** Orders answered 202. */
  readonly accepted: number;
  /** Orders never answered 202 despite repeats (reported, not counted as lost). */
  readonly unaccepted: number;
  /**
   * Accepted orders without a payment row or invoice, with a payment not final, or `failed` (every order pays
   * with tok_visa, so `failed` means a transient failure was given up without a dead letter).
   */
  readonly lost: number;
  /** Accepted orders whose payment is still pending/queued/processing (a subset of lost). */
  readonly unsettled: number;
  /** Accepted orders without a payment row or invoice (a subset of lost). */
  readonly missing: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly deadLettered: number;
  /** Payments of these orders charged more than once at the provider. */
  readonly multiCharged: number;
  /** Succeeded payments of these orders that the provider never charged. */
  readonly succeededUncharged: number;
  /** Dead-lettered or failed payments of these orders that the provider did charge (money taken, order unpaid). */
  readonly finalUnpaidButCharged: number;
  /** Succeeded payments whose invoice is not `paid`. */
  readonly invoicesNotPaid: number;
  /** Accepted orders whose payment succeeded and whose invoice is `paid` (fully settled). */
  readonly paid: number;
  /** Epoch ms of the last change of a final payment of these orders (NaN when none). */
  readonly lastSettledAt: number;
}

/**
 * Judges `orders`: `payments` by id, `invoiceStatus` by invoice id (absent = no invoice row), `charges` = the
 * provider's charge count per idempotency key (= payment id).
 */
export function tally(
  orders: readonly PlacedOrder[],
  payments: ReadonlyMap<string, PaymentRecord>,
  invoiceStatus: ReadonlyMap<string, string>,
  charges: ReadonlyMap<string, number>,
): Tally {
  let accepted = 0;
  let unaccepted = 0;
  let unsettled = 0;
  let missing = 0;
  let succeeded = 0;
  let failed = 0;
  let deadLettered = 0;
  let multiCharged = 0;
  let succeededUncharged = 0;
  let finalUnpaidButCharged = 0;
  let invoicesNotPaid = 0;
  let paid = 0;
  let lastSettledAt = Number.NaN;
  for (const order of orders) {
    if (order.paymentId === undefined || order.invoiceId === undefined) {
      unaccepted += 1;
      continue;
    }
    accepted += 1;
    const row = payments.get(order.paymentId);
    const invoice = invoiceStatus.get(order.invoiceId);
    if (row === undefined || invoice === undefined) {
      missing += 1;
      continue;
    }
    const charged = charges.get(row.id) ?? 0;
    if (charged > 1) multiCharged += 1;
    if (!finalStatuses.has(row.status)) {
      unsettled += 1;
      continue;
    }
    if (!(row.updatedAt <= lastSettledAt)) lastSettledAt = row.updatedAt;
    switch (row.status) {
      case 'succeeded':
        succeeded += 1;
        if (charged === 0) succeededUncharged += 1;
        if (invoice === 'paid') paid += 1;
        else invoicesNotPaid += 1;
        break;
      case 'failed':
        failed += 1;
        if (charged > 0) finalUnpaidButCharged += 1;
        break;
      default:
        deadLettered += 1;
        if (charged > 0) finalUnpaidButCharged += 1;
    }
  }
  return {
    accepted,
    unaccepted,
    lost: unsettled + missing + failed,
    unsettled,
    missing,
    succeeded,
    failed,
    deadLettered,
    multiCharged,
    succeededUncharged,
    finalUnpaidButCharged,
    invoicesNotPaid,
    paid,
    lastSettledAt,
  };
}

/** The payment row of each order answered 202, in order; undefined while the payments table has none. */
function acceptedPayments(
  orders: readonly PlacedOrder[],
  payments: ReadonlyMap<string, PaymentRecord>,
): (PaymentRecord | undefined)[] {
  return orders.flatMap((order) =>
    order.paymentId === undefined ? [] : [payments.get(order.paymentId)],
  );
}

/** Orders answered 202 whose payment is not final yet (to poll until none is left). */
export function unsettledCount(
  orders: readonly PlacedOrder[],
  payments: ReadonlyMap<string, PaymentRecord>,
): number {
  return acceptedPayments(orders, payments).filter(
    (row) => row === undefined || !finalStatuses.has(row.status),
  ).length;
}

/** Dead-lettered payments among `orders` (what a replay of the payments DLT has left to bring back). */
export function deadLetteredCount(
  orders: readonly PlacedOrder[],
  payments: ReadonlyMap<string, PaymentRecord>,
): number {
  return acceptedPayments(orders, payments).filter((row) => row?.status === 'dead_lettered').length;
}

/** Receipt e-mails of succeeded payments: `missing` ones and `duplicated` ones (sent more than once). */
export type ReceiptGaps = Readonly<Record<'missing' | 'duplicated', number>>;

/**
 * Compares succeeded payments of `orders` with `receipts`: messages counted per idempotency key, where a
 * payment's receipt has the key `receipt:<payment id>`.
 */
export function receiptGaps(
  orders: readonly PlacedOrder[],
  payments: ReadonlyMap<string, PaymentRecord>,
  receipts: ReadonlyMap<string, number>,
): ReceiptGaps {
  const sent = acceptedPayments(orders, payments)
    .filter((row): row is PaymentRecord => row?.status === 'succeeded')
    .map((row) => receipts.get(`receipt:${row.id}`) ?? 0);
  return {
    missing: sent.filter((count) => count === 0).length,
    duplicated: sent.filter((count) => count > 1).length,
  };
}
