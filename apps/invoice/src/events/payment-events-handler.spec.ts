import { create, toJsonString, type MessageInitShape } from '@bufbuild/protobuf';
import { paymentV1 } from '@gaara/contracts';
import { PoisonMessageError } from '@gaara/messaging';
import { IllegalTransitionError, InvoiceNotFoundError } from '../domain/invoice-errors';
import type { Invoice } from '../domain/invoice';
import { paymentEventsHandler } from './payment-events-handler';

const invoiceId = '0f0e0d0c-0b0a-4908-8706-050403020100';
const signal = new AbortController().signal;

function event(fields: MessageInitShape<typeof paymentV1.PaymentEventSchema>): { value: string } {
  const message = create(paymentV1.PaymentEventSchema, {
    paymentId: 'pay-1',
    invoiceId,
    status: paymentV1.PaymentStatus.SUCCEEDED,
    ...fields,
  });
  return { value: toJsonString(paymentV1.PaymentEventSchema, message) };
}

/** Records the use-case calls; `failWith` makes them throw. */
function fakeInvoices(failWith?: unknown) {
  const calls: string[] = [];
  const result = async (call: string): Promise<Invoice> => {
    calls.push(call);
    if (failWith !== undefined) throw failWith;
    return {} as Invoice;
  };
  return {
    calls,
    markPaid: (id: string, paymentId: string) => result(`paid ${id} ${paymentId}`),
    markFailed: (id: string, reason: string) => result(`failed ${id} ${reason}`),
  };
}

describe('payment events handler (unit, fake use cases)', () => {
  it('maps SUCCEEDED to paid and FAILED to failed with a reason; DEAD_LETTERED leaves the invoice alone', async () => {
    const invoices = fakeInvoices();
    const handle = paymentEventsHandler(invoices);
    await handle(event({}), signal);
    await handle(
      event({ status: paymentV1.PaymentStatus.FAILED, failureReason: 'declined' }),
      signal,
    );
    await handle(event({ status: paymentV1.PaymentStatus.DEAD_LETTERED }), signal);
    await handle(event({ status: paymentV1.PaymentStatus.QUEUED }), signal);
    expect(invoices.calls).toEqual([`paid ${invoiceId} pay-1`, `failed ${invoiceId} declined`]);
  });

  it.each([
    ['a forbidden move', new IllegalTransitionError('already paid')],
    ['an unknown invoice', new InvoiceNotFoundError(invoiceId)],
  ])('acknowledges %s', async (_name, error) => {
    await expect(
      paymentEventsHandler(fakeInvoices(error))(event({}), signal),
    ).resolves.toBeUndefined();
  });

  it('acknowledges a malformed invoice id without calling the use case', async () => {
    const invoices = fakeInvoices();
    await paymentEventsHandler(invoices)(event({ invoiceId: 'not-a-uuid' }), signal);
    expect(invoices.calls).toEqual([]);
  });

  it('rethrows other errors so the consumer retries', async () => {
    const outage = Object.assign(new Error('connection terminated'), { code: '57P01' });
    await expect(paymentEventsHandler(fakeInvoices(outage))(event({}), signal)).rejects.toBe(
      outage,
    );
  });

  it('treats malformed JSON as poison', async () => {
    await expect(
      paymentEventsHandler(fakeInvoices())({ value: '{nope' }, signal),
    ).rejects.toBeInstanceOf(PoisonMessageError);
  });
});
