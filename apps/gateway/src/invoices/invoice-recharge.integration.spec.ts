import { create } from '@bufbuild/protobuf';
import { paymentV1 } from '@gaara/contracts';
import { answerProblems, type OpenApiDocument } from '../testing/documented-answers';
import {
  startGatewayHarness,
  testAdminToken,
  testCustomerTokenSecret,
  type GatewayHarness,
} from '../testing/gateway-harness';
import { CustomerTokens } from './customer-tokens';
import { rechargePaymentId } from './recharge-payment-id';

const tokens = new CustomerTokens(testCustomerTokenSecret);
const PATH = '/api/invoices/{id}/payments';

describe('POST /api/invoices/:id/payments (fake backends)', () => {
  let h: GatewayHarness;
  let document: OpenApiDocument;
  beforeAll(async () => {
    h = await startGatewayHarness();
    document = (await h.app.inject('/openapi.json')).json<OpenApiDocument>();
  });
  afterAll(() => h.close());

  const recharge = async (
    invoiceId: string,
    headers: Record<string, string>,
    payload: object = { paymentMethod: 'tok_visa' },
  ) => {
    const response = await h.app.inject({
      method: 'POST',
      url: `/api/invoices/${invoiceId}/payments`,
      headers,
      payload,
    });
    // Every answer is the one the document promises, no field more or less.
    expect(
      answerProblems(
        document,
        { method: 'POST', path: PATH, status: response.statusCode },
        response.json(),
      ),
    ).toEqual([]);
    return response;
  };
  const customer = (key: string, customerId = 'c-1') => ({
    authorization: `Bearer ${tokens.issue(customerId)}`,
    'idempotency-key': key,
  });
  const chargesOf = (invoiceId: string) =>
    h.payment.requests.filter((request) => request.invoiceId === invoiceId);

  it('charges a failed invoice under a payment id derived from the key; the same key again replays it', async () => {
    const first = await recharge('inv-failed-a', customer('attempt-0001'));
    expect(first.statusCode).toBe(202);
    const paymentId = rechargePaymentId('inv-failed-a', 'attempt-0001');
    expect(first.json()).toMatchObject({
      invoice: { id: 'inv-failed-a', status: 'pending', customerEmail: 'c1@example.com' },
      payment: { id: paymentId, status: 'succeeded', replayed: false },
    });
    expect(chargesOf('inv-failed-a')).toEqual([
      expect.objectContaining({
        idempotencyKey: paymentId,
        amountMinor: 5998n,
        currency: 'EUR',
        paymentMethodToken: 'tok_visa',
        receiptEmail: 'c1@example.com',
      }),
    ]);
    const again = await recharge('inv-failed-a', customer('attempt-0001'));
    expect(again.statusCode).toBe(202);
    expect(again.json()).toMatchObject({ payment: { id: paymentId, replayed: true } });
    expect([...h.payment.payments.keys()].filter((id) => id === paymentId)).toHaveLength(1);
    // The admin token may re-charge too; a new key while that attempt is pending is refused.
    const other = await recharge('inv-failed-a', {
      authorization: `Bearer ${testAdminToken}`,
      'idempotency-key': 'attempt-0002',
    });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'pending' });
    expect(chargesOf('inv-failed-a')).toHaveLength(2);
  });

  it('refuses a paid invoice, a pending order and gone stock with 409 and a reason, charging nothing', async () => {
    const before = h.payment.requests.length;
    const paid = await recharge('inv-paid', customer('attempt-paid-1'));
    expect(paid.statusCode).toBe(409);
    expect(paid.json()).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'paid' });
    const pending = await recharge('inv-1', customer('attempt-pend-1'));
    expect(pending.json()).toMatchObject({ reason: 'pending' });
    const gone = await recharge('inv-gone-a', customer('attempt-gone-1'));
    expect(gone.statusCode).toBe(409);
    expect(gone.json()).toMatchObject({ reason: 'stock_gone' });
    expect(gone.json().message).toContain('Not enough stock');
    expect(h.payment.requests.length).toBe(before);
    // Gone stock leaves the invoice failed: nothing was reopened.
    const after = await h.app.inject('/api/invoices/inv-gone-a');
    expect(after.json()).toMatchObject({ invoice: { status: 'failed' } });
  });

  it("answers 409 paid when payment refuses because another of the invoice's payments succeeded", async () => {
    h.payment.payments.set(
      'pay-elsewhere',
      create(paymentV1.PaymentSchema, {
        id: 'pay-elsewhere',
        invoiceId: 'inv-failed-c',
        status: paymentV1.PaymentStatus.SUCCEEDED,
      }),
    );
    const refused = await recharge('inv-failed-c', customer('attempt-c-01'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ reason: 'paid' });
  });

  it('answers 400 without a key, 401 without or with a wrong token, 403 for another customer, 404 for no invoice', async () => {
    const calls = h.invoice.calls;
    const noKey = await recharge('inv-failed-d', {
      authorization: `Bearer ${tokens.issue('c-1')}`,
    });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json()).toMatchObject({ field: 'idempotency-key' });
    const noToken = await recharge('inv-failed-d', { 'idempotency-key': 'attempt-d-01' });
    expect(noToken.statusCode).toBe(401);
    const forged = await recharge('inv-failed-d', {
      authorization: `Bearer ${tokens.issue('c-1')}x`,
      'idempotency-key': 'attempt-d-01',
    });
    expect(forged.statusCode).toBe(401);
    expect(h.invoice.calls).toBe(calls);
    const cardNumber = await recharge('inv-failed-d', customer('attempt-d-01'), {
      paymentMethod: '4242424242424242',
    });
    expect(cardNumber.statusCode).toBe(400);
    const stranger = await recharge('inv-failed-d', customer('attempt-d-01', 'c-2'));
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json()).toMatchObject({ code: 'FORBIDDEN' });
    const unknown = await recharge('inv-nope', customer('attempt-d-01'));
    expect(unknown.statusCode).toBe(404);
    expect(chargesOf('inv-failed-d')).toEqual([]);
  });
});
