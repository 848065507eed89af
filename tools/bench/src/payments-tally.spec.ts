import type { PaymentRecord, PlacedOrder } from './payment-records';
import { deadLetteredCount, receiptGaps, tally, unsettledCount } from './payments-tally';

const order = (n: number, accepted = true): PlacedOrder => ({
  key: `k${n}`,
  invoiceId: accepted ? `i${n}` : undefined,
  paymentId: accepted ? `p${n}` : undefined,
  httpStatus: accepted ? 202 : 503,
  tries: 1,
  placedAt: 0,
  ms: 1,
});

const row = (n: number, status: string, updatedAt = n): [string, PaymentRecord] => [
  `p${n}`,
  { id: `p${n}`, invoiceId: `i${n}`, status, attempts: 1, updatedAt },
];

describe('payments tally', () => {
  it('counts settled, lost, dead-lettered and double charges from the sources of truth', () => {
    const orders = [1, 2, 3, 4, 5, 6, 7].map((n) => order(n)).concat(order(8, false));
    const payments = new Map([
      row(1, 'succeeded', 100),
      row(2, 'succeeded', 300),
      row(3, 'dead_lettered', 200),
      row(4, 'queued'),
      row(5, 'failed', 50),
      row(7, 'succeeded', 250),
      // 6: no payment row
    ]);
    const invoices = new Map(
      [1, 2, 3, 4, 5, 6].map((n) => [`i${n}`, n === 2 ? 'pending' : 'paid'] as const),
    );
    const charges = new Map([
      ['p1', 1],
      ['p2', 2],
      ['p3', 1],
      ['p4', 2],
    ]);
    const t = tally(orders, payments, invoices, charges);
    expect(t).toMatchObject({
      accepted: 7,
      unaccepted: 1,
      succeeded: 2,
      deadLettered: 1,
      failed: 1,
      unsettled: 1,
      // 6 has no payment row, 7 has no invoice row
      missing: 2,
      lost: 4,
      // 2 and 4 (still queued, yet already charged twice)
      multiCharged: 2,
      succeededUncharged: 0,
      finalUnpaidButCharged: 1,
      invoicesNotPaid: 1,
      // 1 only: 2's invoice is pending, 7 has no invoice row
      paid: 1,
      lastSettledAt: 300,
    });
    expect(unsettledCount(orders, payments)).toBe(2);
    expect(deadLetteredCount(orders, payments)).toBe(1);
  });

  it('flags a success the provider never charged', () => {
    const t = tally(
      [order(1)],
      new Map([row(1, 'succeeded')]),
      new Map([['i1', 'paid']]),
      new Map(),
    );
    expect(t.succeededUncharged).toBe(1);
    expect(t.lost).toBe(0);
    expect(tally([], new Map(), new Map(), new Map()).lastSettledAt).toBeNaN();
  });

  it('finds missing and duplicated receipts of succeeded payments only', () => {
    const orders = [1, 2, 3, 4].map((n) => order(n));
    const payments = new Map([
      row(1, 'succeeded'),
      row(2, 'succeeded'),
      row(3, 'succeeded'),
      row(4, 'dead_lettered'),
    ]);
    const receipts = new Map([
      ['receipt:p1', 1],
      ['receipt:p2', 2],
      ['receipt:p4', 1],
    ]);
    expect(receiptGaps(orders, payments, receipts)).toEqual({ missing: 1, duplicated: 1 });
  });
});
