import { inspect } from 'node:util';
import { paymentV1 } from '@gaara/contracts';
import { startGatewayHarness, type GatewayHarness } from './testing/gateway-harness';

const order = {
  customerId: 'c-1',
  customerEmail: 'c1@example.com',
  items: [{ productId: 'p-1', quantity: 2 }],
  paymentMethod: 'tok_visa',
};

describe('POST /api/orders charges the invoice (fake invoice and payment)', () => {
  let h: GatewayHarness;
  beforeEach(
    async () =>
      (h = await startGatewayHarness({
        servicePolicy: { timeoutMs: 100, retry: { maxAttempts: 2 }, breaker: { minimumCalls: 50 } },
      })),
  );
  afterEach(() => h.close());

  const post = (payload: object) => h.app.inject({ method: 'POST', url: '/api/orders', payload });

  it('charges the invoice total once, with an empty key (payment derives it from the invoice)', async () => {
    const response = await post({ ...order, idempotencyKey: 'checkout-0001' });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({
      invoice: expect.objectContaining({ id: 'inv-1', totalMinor: 5998, currency: 'EUR' }),
      payment: { id: 'pay-inv-1', status: 'succeeded', replayed: false },
      customerToken: expect.stringMatching(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/),
    });
    expect(h.payment.requests).toHaveLength(1);
    expect(h.payment.requests[0]).toMatchObject({
      invoiceId: 'inv-1',
      amountMinor: 5998n,
      currency: 'EUR',
      paymentMethodToken: 'tok_visa',
      receiptEmail: 'c1@example.com',
      idempotencyKey: '',
    });
    expect(response.body).not.toContain('tok_visa');
  });

  it('the same idempotencyKey again → 200, the same invoice, the payment replayed, one charge', async () => {
    const first = await post({ ...order, idempotencyKey: 'checkout-0002' });
    const again = await post({ ...order, idempotencyKey: 'checkout-0002' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      invoice: { id: first.json().invoice.id },
      payment: { id: first.json().payment.id, status: 'succeeded', replayed: true },
    });
    expect(h.payment.payments.size).toBe(1);
  });

  it('a declined card → still 202: the order exists, its payment failed', async () => {
    const response = await post({ ...order, paymentMethod: 'tok_chargeDeclined' });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({
      invoice: { id: 'inv-1' },
      payment: { status: 'failed', replayed: false },
    });
  });

  it('a charge queued for a retry → 202 with payment pending', async () => {
    const response = await post({ ...order, paymentMethod: 'tok_queued' });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({ payment: { status: 'pending' } });
  });

  it('a dead-lettered payment is named as such, not pending', async () => {
    await post({ ...order, idempotencyKey: 'checkout-0003' });
    const payment = h.payment.payments.get('pay-inv-1')!;
    payment.status = paymentV1.PaymentStatus.DEAD_LETTERED;
    const again = await post({ ...order, idempotencyKey: 'checkout-0003' });
    expect(again.json()).toMatchObject({ payment: { status: 'dead_lettered', replayed: true } });
  });

  it('payment unreachable → 503 + Retry-After saying the order exists; repeating with the key is safe', async () => {
    h.payment.control.mode = 'hang';
    const response = await post(order);
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toMatch(/^[0-9]+$/);
    const body = response.json();
    expect(body).toMatchObject({
      code: 'PAYMENT_UNAVAILABLE',
      dependency: 'payment',
      invoiceId: 'inv-1',
      idempotencyKey: expect.any(String),
      message: expect.stringMatching(/order exists.*same idempotencyKey is safe/),
    });
    expect(response.body).not.toContain('tok_visa');

    h.payment.control.mode = 'up';
    const repeated = await post({ ...order, idempotencyKey: body.idempotencyKey });
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json()).toMatchObject({
      invoice: { id: 'inv-1' },
      payment: { status: 'succeeded', replayed: false },
    });
    expect(h.payment.payments.size).toBe(1);
  });

  it('never logs the payment token, even when payment fails unexpectedly', async () => {
    h.payment.control.mode = 'internal';
    const response = await post({ ...order, paymentMethod: 'tok_secret_123' });
    expect(response.statusCode).toBe(500);
    expect(h.errors.length).toBeGreaterThan(0);
    expect(inspect(h.errors, { depth: 8 })).not.toContain('tok_secret_123');
  });
});

describe('POST /api/orders within its deadline (issue #12: a slow dependency gives a 503 to repeat, not a hang)', () => {
  let h: GatewayHarness;
  // Per-attempt timeouts above the order's deadline, as shipped (3 s and 6 s against DEFAULT_ORDER_DEADLINE_MS).
  beforeEach(
    async () =>
      (h = await startGatewayHarness({
        servicePolicy: { timeoutMs: 600, breaker: { minimumCalls: 50 } },
        orderLimits: { deadlineMs: 300, concurrency: 2, slowStartMs: 0 },
      })),
  );
  afterEach(() => h.close());

  const post = (payload: object) => h.app.inject({ method: 'POST', url: '/api/orders', payload });

  it('invoice hanging → 503 ORDER_TIMEOUT at the deadline with the key; the order goes on and is charged once', async () => {
    h.invoice.mode = 'hang';
    const started = performance.now();
    const response = await post(order);
    const tookMs = performance.now() - started;
    expect(response.statusCode).toBe(503);
    expect(tookMs).toBeGreaterThanOrEqual(290);
    expect(tookMs).toBeLessThan(2000);
    expect(response.headers['retry-after']).toBe('1');
    const body = response.json();
    expect(body).toEqual({
      error: 'Service unavailable',
      code: 'ORDER_TIMEOUT',
      message: expect.stringMatching(/within 300 ms.*same idempotencyKey is safe/),
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      requestId: expect.any(String),
    });
    // Answered, not cancelled: the order goes on (its attempt times out at 600 ms and is retried) and is charged
    // with nobody repeating it.
    h.invoice.mode = 'up';
    await waitFor(() => h.payment.payments.size === 1);
    const repeated = await post({ ...order, idempotencyKey: body.idempotencyKey });
    expect(repeated.statusCode).toBe(200);
    expect(repeated.json()).toMatchObject({ payment: { replayed: true } });
    expect(h.payment.payments.size).toBe(1);
  });

  it('payment hanging → 503 ORDER_TIMEOUT naming the invoice that exists', async () => {
    h.payment.control.mode = 'hang';
    const response = await post({ ...order, idempotencyKey: 'deadline-0001' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      code: 'ORDER_TIMEOUT',
      invoiceId: 'inv-1',
      idempotencyKey: 'deadline-0001',
    });
    expect(response.body).not.toContain('tok_visa');
  });

  it('beyond its concurrency an order is refused at once with 503 orders, before any call (load shedding)', async () => {
    h.invoice.mode = 'hang';
    const held = [post(order), post(order)];
    await waitFor(() => h.invoice.calls === 2);
    const started = performance.now();
    const refused = await post(order);
    expect(performance.now() - started).toBeLessThan(250);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', dependency: 'orders' });
    // Refused before the body is read: an invalid one gets the 503, not a 400.
    expect((await post({})).json()).toMatchObject({ dependency: 'orders' });
    expect(h.invoice.calls).toBe(2);
    expect((await Promise.all(held)).map((r) => r.statusCode)).toEqual([503, 503]);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
