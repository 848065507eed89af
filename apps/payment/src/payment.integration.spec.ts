import { randomUUID } from 'node:crypto';
import { paymentV1 } from '@gaara/contracts';
import { eventually } from '@gaara/db/testing';
import { InvalidArgumentError } from '@gaara/grpc';
import { listDeadLetters, replayDeadLetters } from '@gaara/messaging';
import { chargeTaskMessage } from './charging/payment-messages';
import { HttpPaymentProvider } from './provider/http-payment-provider';
import { startPaymentHarness, type PaymentHarness } from './testing/payment-harness';

const { SUCCEEDED, FAILED, QUEUED, DEAD_LETTERED } = paymentV1.PaymentStatus;
/** Lease of the harness: short, so the sweeper test is quick; far above a sandbox call. */
const LEASE_MS = 1500;
// Tiers of 1 s and 2 s plus a replay: scenarios take seconds, not the default 5.
jest.setTimeout(60_000);

describe('payment service (in-process, sandbox provider, real PostgreSQL and Kafka)', () => {
  let h: PaymentHarness;

  const charge = (invoiceId: string, token = 'tok_visa', extra: { idempotencyKey?: string } = {}) =>
    h.client.charge({
      invoiceId,
      amountMinor: 1250n,
      currency: 'EUR',
      paymentMethodToken: token,
      idempotencyKey: extra.idempotencyKey ?? '',
      receiptEmail: 'ada@example.com',
    });
  const statusOf = async (id: string) => (await h.client.getPayment({ id })).payment!.status;
  const callsFor = async (key: string) => (await h.sandbox.controls.calls())[key] ?? 0;
  const chargesFor = async (key: string) =>
    (await h.sandbox.controls.charges()).filter((c) => c.idempotencyKey === key);
  const eventsFor = (paymentId: string) => h.events.filter((e) => e.paymentId === paymentId);
  const failNext = (count: number) =>
    h.sandbox.controls.setFaults('payment', { failNext: count, errorStatus: 503 });

  beforeAll(async () => {
    h = await startPaymentHarness({ retryDelays: '1s,2s', leaseMs: LEASE_MS });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.reset());

  it('charges at once and publishes SUCCEEDED on payments.events; a replay charges nothing', async () => {
    const invoiceId = randomUUID();
    const { payment, replayed } = await charge(invoiceId);
    expect(replayed).toBe(false);
    expect(payment).toMatchObject({ id: `pay_${invoiceId}`, status: SUCCEEDED, attempts: 1 });
    expect(payment!.providerChargeId).toMatch(/^ch_/);
    await eventually(() => eventsFor(payment!.id).length > 0, 10_000);
    expect(eventsFor(payment!.id)[0]).toMatchObject({
      eventId: `${payment!.id}:SUCCEEDED`,
      invoiceId,
      status: SUCCEEDED,
      amountMinor: 1250n,
      receiptEmail: 'ada@example.com',
      providerChargeId: payment!.providerChargeId,
    });
    const again = await charge(invoiceId);
    expect(again).toMatchObject({ replayed: true, payment: { status: SUCCEEDED } });
    expect(await callsFor(payment!.id)).toBe(1);
    const [row] = await h.db('payments').where({ id: payment!.id });
    expect(row).toMatchObject({ payment_method_token: null });
  });

  it('rejects a reused key with another amount and invalid requests with field violations', async () => {
    const key = `key-${randomUUID()}`;
    await charge(randomUUID(), 'tok_visa', { idempotencyKey: key });
    const reused = await h.client
      .charge({
        invoiceId: 'other',
        amountMinor: 99n,
        currency: 'EUR',
        paymentMethodToken: 'tok_visa',
        idempotencyKey: key,
        receiptEmail: '',
      })
      .catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(InvalidArgumentError);
    const invalid = await h.client
      .charge({
        invoiceId: '',
        amountMinor: 0n,
        currency: 'eur',
        paymentMethodToken: '4242',
        idempotencyKey: '',
        receiptEmail: '',
      })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(InvalidArgumentError);
    expect((invalid as InvalidArgumentError).message).not.toContain('4242');
  });

  it('fails a declined card for good: FAILED event, never retried', async () => {
    const { payment } = await charge(randomUUID(), 'tok_chargeDeclined');
    expect(payment).toMatchObject({ status: FAILED, attempts: 1 });
    expect(payment!.lastError).toContain('PROVIDER_DECLINED');
    await eventually(() => eventsFor(payment!.id).some((e) => e.status === FAILED), 10_000);
    // Never retried is an absence: hold longer than the first tier (a retry would have come by then), then count.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await callsFor(payment!.id)).toBe(1);
    expect(await statusOf(payment!.id)).toBe(FAILED);
  });

  it('answers PENDING once the inline budget (300 ms) is spent on a slow provider; the attempt goes on, once', async () => {
    const { PENDING } = paymentV1.PaymentStatus;
    // Slower than the budget, well within the harness's lease (so the sweeper does not step in).
    await h.sandbox.controls.setFaults('payment', { respondDelayMs: 1000 });
    try {
      const started = Date.now();
      const { payment } = await charge(randomUUID());
      const answeredMs = Date.now() - started;
      expect(payment).toMatchObject({ status: PENDING, attempts: 1 });
      expect(answeredMs).toBeGreaterThanOrEqual(250);
      expect(answeredMs).toBeLessThan(800);
      await eventually(async () => (await statusOf(payment!.id)) === SUCCEEDED, 10_000);
      await eventually(() => eventsFor(payment!.id).some((e) => e.status === SUCCEEDED), 10_000);
      expect(await callsFor(payment!.id)).toBe(1);
      expect(await chargesFor(payment!.id)).toHaveLength(1);
    } finally {
      // A provider setting, not a fault: the harness's reset keeps it.
      await h.sandbox.controls.setFaults('payment', { respondDelayMs: 0 });
    }
  });

  it('queues a charge the provider fails, then charges it exactly once on a tier', async () => {
    await failNext(1);
    const { payment } = await charge(randomUUID());
    expect(payment).toMatchObject({ status: QUEUED, attempts: 1 });
    await eventually(async () => (await statusOf(payment!.id)) === SUCCEEDED, 15_000);
    expect(await chargesFor(payment!.id)).toHaveLength(1);
    expect(await callsFor(payment!.id)).toBe(2);
    await eventually(() => eventsFor(payment!.id).some((e) => e.status === SUCCEEDED), 10_000);
  });

  it('makes one provider call when the same ChargeTask is delivered twice', async () => {
    await failNext(1);
    const { payment } = await charge(randomUUID());
    expect(payment!.status).toBe(QUEUED);
    // The outbox already put the task on the first tier; deliver an identical copy.
    const copy = chargeTaskMessage(h.service.topology, payment!.id, 1, new Error('duplicate'));
    await h.publisher.publish(copy.topic, [copy]);
    await eventually(async () => (await statusOf(payment!.id)) === SUCCEEDED, 15_000);
    // No second call for the copy is an absence: hold longer than the first tier for it, then count.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await callsFor(payment!.id)).toBe(2);
    expect(await chargesFor(payment!.id)).toHaveLength(1);
    expect((await h.client.getPayment({ id: payment!.id })).payment!.attempts).toBe(2);
  });

  it('re-queues a payment stuck in processing (killed after the provider charged) and records that charge', async () => {
    const paymentId = `pay_${randomUUID()}`;
    const provider = new HttpPaymentProvider({
      baseUrl: h.sandbox.providers.payment.url,
      apiKey: 'sk_test_sandbox',
    });
    // The dead process's attempt: the provider charged, nothing was recorded.
    const charged = await provider.createPaymentIntent(
      {
        idempotencyKey: paymentId,
        amountMinor: 1250n,
        currency: 'EUR',
        paymentMethodToken: 'tok_visa',
        receiptEmail: undefined,
        invoiceId: 'inv-stuck',
      },
      new AbortController().signal,
    );
    await h.db('payments').insert({
      id: paymentId,
      invoice_id: 'inv-stuck',
      amount_minor: '1250',
      currency: 'EUR',
      payment_method_token: 'tok_visa',
      status: 'processing',
      attempts: 1,
      lease_until: h.db.raw(`now() - interval '1 second'`),
    });
    await eventually(async () => (await statusOf(paymentId)) === SUCCEEDED, 15_000);
    const payment = (await h.client.getPayment({ id: paymentId })).payment!;
    expect(payment.providerChargeId).toBe(charged.chargeId);
    expect(payment.attempts).toBe(2);
    expect(await chargesFor(paymentId)).toHaveLength(1);
  });

  it('dead-letters after the last tier, then a replay charges it exactly once', async () => {
    await failNext(3);
    const { payment } = await charge(randomUUID());
    expect(payment!.status).toBe(QUEUED);
    await eventually(async () => (await statusOf(payment!.id)) === DEAD_LETTERED, 20_000);
    await eventually(() => eventsFor(payment!.id).some((e) => e.status === DEAD_LETTERED), 10_000);
    expect(await callsFor(payment!.id)).toBe(3);
    expect(await chargesFor(payment!.id)).toHaveLength(0);

    let entry: Awaited<ReturnType<typeof listDeadLetters>>[number] | undefined;
    await eventually(async () => {
      const entries = await listDeadLetters(h.messaging, h.service.topology);
      entry = entries.find((e) => e.key === payment!.id);
      return entry !== undefined;
    }, 10_000);
    const stats = (await h.client.getPaymentStats({})).stats!;
    expect(stats.deadLetterCount).toBeGreaterThanOrEqual(1n);
    expect(stats.breakers.map((b) => b.name)).toContain('payment');
    // The last-hour counts follow updated_at: the same payment moved two hours back drops out of them only.
    const lastHour = (s: typeof stats) =>
      s.lastHourCounts.find((c) => c.status === DEAD_LETTERED)?.count ?? 0n;
    const allTime = (s: typeof stats) =>
      s.statusCounts.find((c) => c.status === DEAD_LETTERED)?.count ?? 0n;
    expect(lastHour(stats)).toBeGreaterThanOrEqual(1n);
    await h
      .db('payments')
      .where({ id: payment!.id })
      .update({ updated_at: h.db.raw(`now() - interval '2 hours'`) });
    const older = (await h.client.getPaymentStats({})).stats!;
    expect(lastHour(older)).toBe(lastHour(stats) - 1n);
    expect(allTime(older)).toBe(allTime(stats));

    await replayDeadLetters(h.messaging, h.publisher, h.service.topology, {
      partition: entry!.partition,
      offset: entry!.offset,
    });
    await eventually(async () => (await statusOf(payment!.id)) === SUCCEEDED, 15_000);
    expect(await chargesFor(payment!.id)).toHaveLength(1);
    expect(await callsFor(payment!.id)).toBe(4);
  });
});
