import { create } from '@bufbuild/protobuf';
import { invoiceV1, paymentV1 } from '@gaara/contracts';
import { FailedPreconditionError, NotFoundError, type GrpcClient } from '@gaara/grpc';
import { paymentEventCodec } from '@gaara/topology/codecs';
import { randomUUID } from 'node:crypto';
import { paymentEventsHandler } from './events/payment-events-handler';
import type { TestInvoice } from './testing/invoice-harness';
import { startInvoiceStack, stopInvoiceStack, type InvoiceStack } from './testing/invoice-stack';

const { PENDING, PAID, FAILED } = invoiceV1.InvoiceStatus;

// The payments.events handler is driven directly (its Kafka wiring has its own spec): real PostgreSQL.
describe('re-charging a failed invoice: ReopenInvoice and the payment events after it', () => {
  let stack: InvoiceStack;
  let invoice: TestInvoice;
  let client: GrpcClient<typeof invoiceV1.InvoiceService>;
  let handle: ReturnType<typeof paymentEventsHandler>;

  const event = (invoiceId: string, paymentId: string, status: paymentV1.PaymentStatus) =>
    handle(
      {
        value: paymentEventCodec.encode(
          create(paymentV1.PaymentEventSchema, {
            eventId: `${paymentId}:${status}`,
            invoiceId,
            paymentId,
            status,
            amountMinor: 1n,
            currency: 'EUR',
            failureReason: status === paymentV1.PaymentStatus.FAILED ? 'card declined' : '',
          }),
        ),
      },
      new AbortController().signal,
    );
  const statusOf = async (id: string) => (await client.getInvoice({ id })).invoice!;
  /** A new order whose first payment was declined. */
  const failedInvoice = async (): Promise<{ id: string; first: string }> => {
    const { invoice: created } = await client.createInvoice({
      customerId: 'cust-1',
      customerEmail: 'ada@example.com',
      idempotencyKey: randomUUID(),
      items: [{ productId: 'prod-clay-mug', quantity: 1 }],
    });
    const first = `pay_${created!.id}`;
    await event(created!.id, first, paymentV1.PaymentStatus.FAILED);
    expect((await statusOf(created!.id)).status).toBe(FAILED);
    return { id: created!.id, first };
  };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e,
    );

  beforeAll(async () => {
    stack = await startInvoiceStack();
    ({ invoice, client } = stack);
    handle = paymentEventsHandler(invoice.server.invoices);
  });
  afterAll(() => stopInvoiceStack(stack));

  it('reopens a failed invoice for the new payment (idempotently); a late FAILED of the old one changes nothing', async () => {
    const { id, first } = await failedInvoice();
    const second = `pay_${randomUUID()}`;
    const { invoice: reopened } = await client.reopenInvoice({ invoiceId: id, paymentId: second });
    expect(reopened).toMatchObject({
      status: PENDING,
      currentPaymentId: second,
      failureReason: '',
    });
    expect(
      (await client.reopenInvoice({ invoiceId: id, paymentId: second })).invoice,
    ).toMatchObject({ status: PENDING, currentPaymentId: second });
    const other = await refusal(client.reopenInvoice({ invoiceId: id, paymentId: 'pay_other' }));
    expect(other).toBeInstanceOf(FailedPreconditionError);
    expect((other as Error).message).toContain('in flight');

    await event(id, first, paymentV1.PaymentStatus.FAILED);
    expect(await statusOf(id)).toMatchObject({ status: PENDING, currentPaymentId: second });
    const byGrpc = await refusal(
      client.markInvoiceFailed({ invoiceId: id, reason: 'late', paymentId: first }),
    );
    expect(byGrpc).toBeInstanceOf(FailedPreconditionError);

    await event(id, second, paymentV1.PaymentStatus.SUCCEEDED);
    expect(await statusOf(id)).toMatchObject({ status: PAID, paymentId: second });
    await event(id, first, paymentV1.PaymentStatus.FAILED);
    await event(id, second, paymentV1.PaymentStatus.SUCCEEDED);
    expect(await statusOf(id)).toMatchObject({ status: PAID, paymentId: second });
    const paidAgain = await refusal(client.reopenInvoice({ invoiceId: id, paymentId: 'pay_x' }));
    expect(paidAgain).toBeInstanceOf(FailedPreconditionError);
    expect((paidAgain as Error).message).toContain('already paid');
  });

  it('fails a reopened invoice again when its current payment fails; then it can be reopened once more', async () => {
    const { id } = await failedInvoice();
    const second = `pay_${randomUUID()}`;
    await client.reopenInvoice({ invoiceId: id, paymentId: second });
    await event(id, second, paymentV1.PaymentStatus.FAILED);
    expect(await statusOf(id)).toMatchObject({ status: FAILED, failureReason: 'card declined' });
    const third = `pay_${randomUUID()}`;
    expect((await client.reopenInvoice({ invoiceId: id, paymentId: third })).invoice).toMatchObject(
      { status: PENDING, currentPaymentId: third },
    );
  });

  it('refuses to reopen a pending order and answers NOT_FOUND for an unknown invoice', async () => {
    const { invoice: pending } = await client.createInvoice({
      customerId: 'cust-1',
      customerEmail: 'ada@example.com',
      idempotencyKey: randomUUID(),
      items: [{ productId: 'prod-clay-mug', quantity: 1 }],
    });
    const refused = await refusal(
      client.reopenInvoice({ invoiceId: pending!.id, paymentId: 'pay_early' }),
    );
    expect(refused).toBeInstanceOf(FailedPreconditionError);
    const unknown = await refusal(
      client.reopenInvoice({ invoiceId: randomUUID(), paymentId: 'pay_x' }),
    );
    expect(unknown).toBeInstanceOf(NotFoundError);
  });
});
