import type { PaymentRecord, PlacedOrder } from '@gaara/bench';
import { reportFault, type Ledger } from './fault-report';
import type { Answer } from './traffic';

const window = { fault: 'invoice-killed', appliedAt: 1000, endedAt: 5000, recoveredAt: 7000 };
const targets = { p99Ms: 1000, recoveryBoundS: 20 };

function order(n: number, placedAt: number): PlacedOrder {
  return {
    key: `k${n}`,
    invoiceId: `inv${n}`,
    paymentId: `pay${n}`,
    httpStatus: 202,
    tries: 1,
    placedAt,
    ms: 10,
  };
}

function settled(orders: readonly PlacedOrder[]): Ledger {
  const payments = new Map<string, PaymentRecord>(
    orders.map((o) => [
      o.paymentId ?? '',
      {
        id: o.paymentId ?? '',
        invoiceId: o.invoiceId ?? '',
        status: 'succeeded',
        attempts: 1,
        updatedAt: 0,
      },
    ]),
  );
  return {
    payments,
    invoices: new Map(orders.map((o) => [o.invoiceId ?? '', 'paid'])),
    charges: new Map(orders.map((o) => [o.paymentId ?? '', 1])),
    receipts: new Map(orders.map((o) => [`receipt:${o.paymentId ?? ''}`, 1])),
    invoicesByKey: new Map(orders.map((o) => [o.key, 'paid'])),
  };
}

const answer = (at: number, route: Answer['route'], status: number, ms: number): Answer => ({
  at,
  route,
  status,
  ms,
});

describe('reportFault', () => {
  it('meets every target when every order of the window settled once and answers were fast', () => {
    const orders = [order(1, 500), order(2, 1500), order(3, 6500), order(4, 8000)];
    const report = reportFault(
      window,
      orders,
      [
        answer(1200, 'order', 202, 40),
        // The designed "degraded" answer: a health document with 503.
        { ...answer(2000, 'health', 503, 5), healthBody: true },
        // The gateway restarting: refused connections are repeated, not answers.
        answer(3000, 'order', -1, 1),
      ],
      settled(orders),
      targets,
    );
    // Orders 2 and 3 were first sent between the fault's start and the recovery.
    expect(report).toMatchObject({
      accepted: 2,
      lost: 0,
      double_charged: 0,
      p99_ms: 40,
      recovery_s: 2,
    });
    expect(report.missed).toEqual([]);
    expect(report.targets_met).toBe(true);
  });

  it('names each missed target: a double charge, a missing receipt, a hang, a 5xx of a degradable route', () => {
    const orders = [order(1, 1500), order(2, 1600)];
    const ledger = settled(orders);
    const charges = new Map(ledger.charges).set('pay1', 2);
    const receipts = new Map(ledger.receipts);
    receipts.delete('receipt:pay2');
    const report = reportFault(
      window,
      orders,
      [answer(1200, 'order', 0, 5000), answer(2000, 'dashboard', 500, 3)],
      { ...ledger, charges, receipts },
      targets,
    );
    expect(report.missed).toEqual([
      'double_charged',
      'receipts_missing',
      'degradable_5xx',
      'p99_ms',
    ]);
    expect(report.p99_ms).toBe(-1);
  });

  it('counts an order without its payment as lost and a store that never recovered as missing recovery', () => {
    const orders = [order(1, 1500)];
    const report = reportFault(
      { ...window, recoveredAt: Number.NaN },
      orders,
      [],
      { ...settled([]), invoices: new Map() },
      targets,
    );
    expect(report).toMatchObject({ lost: 1, recovery_s: -1, targets_met: false });
    expect(report.missed).toEqual(['lost', 'recovery_s']);
  });

  it('tells what became of unaccepted orders and which answers were slowest', () => {
    const unaccepted = (n: number, httpStatus: number): PlacedOrder => ({
      key: `k${n}`,
      httpStatus,
      ...(httpStatus === 503 ? { lastDetail: '{"code":"PAYMENT_UNAVAILABLE"}' } : {}),
      tries: 9 + n,
      placedAt: 1500,
      ms: 60_000,
    });
    const orders = [order(1, 1500), unaccepted(2, 503), unaccepted(3, 503), unaccepted(4, 0)];
    const ledger = settled([order(1, 1500)]);
    const invoicesByKey = new Map(ledger.invoicesByKey).set('k2', 'paid').set('k4', 'pending');
    const report = reportFault(
      window,
      orders,
      [
        answer(1100, 'order', 202, 40),
        { ...answer(1200, 'order', 503, 900), detail: '{"error":"late","code":"ORDER_TIMEOUT"}' },
        answer(3500, 'product', 200, 600),
        answer(4000, 'health', 200, 5),
      ],
      { ...ledger, invoicesByKey },
      targets,
      [
        { at: 900, ms: 300 },
        { at: 2000, ms: 12 },
        { at: 4800, ms: 40 },
      ],
    );
    expect(report.unaccepted).toBe(3);
    expect(report.unaccepted_last_status).toEqual({ '503 PAYMENT_UNAVAILABLE': 2, '0': 1 });
    expect(report.unaccepted_tries_max).toBe(13);
    expect(report.unaccepted_invoices).toEqual({ paid: 1, pending: 1 });
    // Only the lag within the fault (1000–5000) counts.
    expect(report.client_lag_max_ms).toBe(40);
    expect(report.slowest).toEqual([
      'order 503 900ms at +0.2s ORDER_TIMEOUT',
      'product 200 600ms at +2.5s',
      'order 202 40ms at +0.1s',
    ]);
  });
});
