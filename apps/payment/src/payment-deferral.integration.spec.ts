import { randomUUID } from 'node:crypto';
import { paymentV1 } from '@gaara/contracts';
import { eventually } from '@gaara/db/testing';
import { startPaymentHarness, type PaymentHarness } from './testing/payment-harness';

const { SUCCEEDED, QUEUED, DEAD_LETTERED } = paymentV1.PaymentStatus;
/** Tiers 1s,2s: deferral budget 3 s from the first failure. */
const LEASE_MS = 1500;
jest.setTimeout(60_000);

describe('payment retries meeting an open breaker (real PostgreSQL and Kafka)', () => {
  let h: PaymentHarness;

  const charge = (invoiceId: string) =>
    h.client.charge({
      invoiceId,
      amountMinor: 990n,
      currency: 'EUR',
      paymentMethodToken: 'tok_visa',
      idempotencyKey: '',
      receiptEmail: '',
    });
  const statusOf = async (id: string) => (await h.client.getPayment({ id })).payment!.status;
  const callsFor = async (key: string) => (await h.sandbox.controls.calls())[key] ?? 0;
  const rowOf = async (id: string) =>
    (await h.db('payments').where({ id }).first()) as {
      status: string;
      attempts: number;
      retry_base: number;
      retry_tier: number;
      lease_until: Date;
    };

  beforeAll(async () => {
    h = await startPaymentHarness({ retryDelays: '1s,2s', leaseMs: LEASE_MS });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.reset());

  it('defers the ChargeTask on its tier without claiming while the breaker is open, then charges it once', async () => {
    await h.sandbox.controls.setFaults('payment', { failNext: 1, errorStatus: 503 });
    const { payment } = await charge(randomUUID());
    expect(payment).toMatchObject({ status: QUEUED, attempts: 1 });
    const id = payment!.id;
    const queued = await rowOf(id);
    h.registry.isolate('payment');

    // The task falls due at 1 s and is deferred (1 s each) instead of claimed: each deferral extends the lease.
    const leaseOf = async () => (await rowOf(id)).lease_until.getTime();
    await eventually(async () => (await leaseOf()) > queued.lease_until.getTime(), 10_000);
    const onceDeferred = await leaseOf();
    await eventually(async () => (await leaseOf()) > onceDeferred, 10_000);
    const held = await rowOf(id);
    expect(held).toMatchObject({ status: 'queued', attempts: 1, retry_base: 1, retry_tier: 0 });
    expect(held.lease_until.getTime()).toBeGreaterThan(queued.lease_until.getTime());
    expect(await callsFor(id)).toBe(1);

    h.registry.reset('payment');
    await eventually(async () => (await statusOf(id)) === SUCCEEDED, 15_000);
    const done = (await h.client.getPayment({ id })).payment!;
    // Still the first tier's attempt: the deferrals used neither an attempt nor a tier.
    expect(done.attempts).toBe(2);
    expect(await callsFor(id)).toBe(2);
    expect(
      (await h.sandbox.controls.charges()).filter((c) => c.idempotencyKey === id),
    ).toHaveLength(1);
  });

  it('stops deferring once the budget (sum of tier delays) is spent: a long outage ends dead-lettered', async () => {
    await h.sandbox.controls.setFaults('payment', { failNext: 1, errorStatus: 503 });
    const { payment } = await charge(randomUUID());
    expect(payment!.status).toBe(QUEUED);
    h.registry.isolate('payment');
    await eventually(async () => (await statusOf(payment!.id)) === DEAD_LETTERED, 20_000);
    const row = await rowOf(payment!.id);
    // One claim per tier after the budget: the provider was never called again.
    expect(row.attempts).toBe(3);
    expect(await callsFor(payment!.id)).toBe(1);
  });
});
