import { randomUUID } from 'node:crypto';
import { paymentV1 } from '@gaara/contracts';
import { eventually } from '@gaara/db/testing';
import { FailedPreconditionError } from '@gaara/grpc';
import { declinedToken } from '@gaara/sandbox';
import { ONE_LIVE_PER_INVOICE, ONE_SUCCESS_PER_INVOICE } from './data/payment-migrations';
import { startPaymentHarness, type PaymentHarness } from './testing/payment-harness';

const { SUCCEEDED, FAILED, QUEUED } = paymentV1.PaymentStatus;
jest.setTimeout(60_000);

describe('re-charging a declined invoice (real PostgreSQL and Kafka, sandbox provider)', () => {
  let h: PaymentHarness;

  const charge = (invoiceId: string, token: string, idempotencyKey = '') =>
    h.client.charge({
      invoiceId,
      amountMinor: 1250n,
      currency: 'EUR',
      paymentMethodToken: token,
      idempotencyKey,
      receiptEmail: 'ada@example.com',
    });
  const callsFor = async (key: string) => (await h.sandbox.controls.calls())[key] ?? 0;
  const succeededOf = async (invoiceId: string) =>
    h.db('payments').where({ invoice_id: invoiceId, status: 'succeeded' });
  const declined = async () => {
    const invoiceId = randomUUID();
    const { payment } = await charge(invoiceId, declinedToken);
    expect(payment).toMatchObject({ status: FAILED });
    return invoiceId;
  };

  beforeAll(async () => {
    h = await startPaymentHarness({ retryDelays: '1s,2s', leaseMs: 1500 });
  });
  afterAll(() => h.stop());
  beforeEach(() => h.reset());

  it('charges a declined invoice again under a new key, once; the same key again is a replay', async () => {
    const invoiceId = await declined();
    const key = `recharge-${randomUUID()}`;
    const { payment, replayed } = await charge(invoiceId, 'tok_visa', key);
    expect(replayed).toBe(false);
    expect(payment).toMatchObject({ id: key, invoiceId, status: SUCCEEDED, attempts: 1 });
    await eventually(
      () => h.events.some((e) => e.paymentId === key && e.status === SUCCEEDED),
      10_000,
    );
    const again = await charge(invoiceId, 'tok_visa', key);
    expect(again).toMatchObject({ replayed: true, payment: { id: key, status: SUCCEEDED } });
    expect(await callsFor(key)).toBe(1);
    expect(await succeededOf(invoiceId)).toHaveLength(1);
  });

  it('lets one of two concurrent re-charges with different keys in and refuses the other uncharged', async () => {
    const invoiceId = await declined();
    const keys = [`a-${randomUUID()}`, `b-${randomUUID()}`];
    const results = await Promise.allSettled(keys.map((key) => charge(invoiceId, 'tok_visa', key)));
    const accepted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(FailedPreconditionError);
    const loser = keys[results.indexOf(refused[0]!)]!;
    expect(await callsFor(loser)).toBe(0);
    expect(await h.db('payments').where({ id: loser })).toHaveLength(0);
    expect(await succeededOf(invoiceId)).toHaveLength(1);
  });

  it('refuses a new payment for a paid invoice, and one while another payment still waits to charge', async () => {
    const paid = randomUUID();
    await charge(paid, 'tok_visa');
    const key = `late-${randomUUID()}`;
    const refused = await charge(paid, 'tok_visa', key).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FailedPreconditionError);
    expect((refused as FailedPreconditionError).message).toContain('already paid');
    expect(await callsFor(key)).toBe(0);

    // The first charge fails transiently and waits on a retry tier: still in flight.
    await h.sandbox.controls.setFaults('payment', { failNext: 1, errorStatus: 503 });
    const waiting = randomUUID();
    const { payment } = await charge(waiting, 'tok_visa');
    expect(payment).toMatchObject({ status: QUEUED });
    const early = `early-${randomUUID()}`;
    const inFlight = await charge(waiting, 'tok_visa', early).catch((e: unknown) => e);
    expect(inFlight).toBeInstanceOf(FailedPreconditionError);
    expect((inFlight as FailedPreconditionError).message).toContain('in flight');
    expect(await callsFor(early)).toBe(0);
  });

  it('makes a second succeeded payment of one invoice impossible in the database', async () => {
    const invoiceId = randomUUID();
    await charge(invoiceId, 'tok_visa');
    const row = {
      invoice_id: invoiceId,
      amount_minor: '1250',
      currency: 'EUR',
      status: 'failed',
      attempts: 1,
    };
    await h.db('payments').insert({ ...row, id: `forged-${randomUUID()}` });
    const second = await h
      .db('payments')
      .where({ invoice_id: invoiceId, status: 'failed' })
      .update({ status: 'succeeded', provider_charge_id: 'ch_forged' })
      .catch((e: unknown) => e);
    expect(second).toMatchObject({ code: '23505' });
    expect([ONE_SUCCESS_PER_INVOICE, ONE_LIVE_PER_INVOICE]).toContain(
      (second as { constraint?: string }).constraint,
    );
    expect(await succeededOf(invoiceId)).toHaveLength(1);
  });
});
