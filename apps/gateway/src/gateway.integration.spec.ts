import { setTimeout as sleep } from 'node:timers/promises';
import {
  startGatewayHarness,
  testAdminToken,
  type GatewayHarness,
} from './testing/gateway-harness';

const order = {
  customerId: 'c-1',
  customerEmail: 'c1@example.com',
  items: [{ productId: 'p-1', quantity: 2 }],
  paymentMethod: 'tok_visa',
};

const adminAuth = { authorization: `Bearer ${testAdminToken}` };

/** "At once": far below the 100 ms timeouts configured here, with room for a loaded CI machine. */
const fastMs = 50;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe('gateway routes (fake backends)', () => {
  let h: GatewayHarness;
  beforeEach(async () => (h = await startGatewayHarness()));
  afterEach(() => h.close());

  it('GET /api/products pages and filters; money is an integer of minor units', async () => {
    const response = await h.app.inject('/api/products?pageSize=1&category=kitchen');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      products: [
        expect.objectContaining({
          id: 'p-1',
          priceMinor: 2999,
          currency: 'EUR',
          createdAt: '2023-11-14T22:13:20.000Z',
        }),
      ],
      nextPageToken: 'next-1',
    });
  });

  it('GET /api/products/:id answers the product, 404 for an unknown one', async () => {
    const found = await h.app.inject('/api/products/p-2');
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ product: { id: 'p-2', priceMinor: 1999 }, cached: false });
    const missing = await h.app.inject('/api/products/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'Not found', code: 'NOT_FOUND' });
  });

  it('POST /api/orders creates the invoice and charges it → 202', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/orders',
      payload: { ...order, idempotencyKey: 'checkout-0001' },
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toMatchObject({
      payment: { id: 'pay-inv-1', status: 'succeeded', replayed: false },
      invoice: {
        id: 'inv-1',
        status: 'pending',
        totalMinor: 5998,
        items: [{ productId: 'p-1', quantity: 2, lineTotalMinor: 5998 }],
      },
    });
  });

  it('POST /api/orders with an unknown product → 400 naming the field (INVALID_ARGUMENT from invoice)', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/orders',
      payload: { ...order, items: [{ productId: 'ghost', quantity: 1 }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'items[0].product_id',
      reason: 'no such product',
    });
  });

  it('GET /api/invoices and /api/invoices/:id; 404 for an unknown invoice', async () => {
    const list = await h.app.inject({
      url: '/api/invoices?status=pending&pageSize=5',
      headers: adminAuth,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      invoices: [{ id: 'inv-1', status: 'pending' }],
      nextPageToken: '',
    });
    const one = await h.app.inject({ url: '/api/invoices/inv-1', headers: adminAuth });
    expect(one.json()).toMatchObject({ invoice: { id: 'inv-1', customerEmail: 'c1@example.com' } });
    expect((await h.app.inject('/api/invoices/inv-404')).statusCode).toBe(404);
  });

  it('GET /api/dashboard: every section with status; invoices without e-mail', async () => {
    const response = await h.app.inject('/api/dashboard');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    const body = response.json();
    expect(body).toMatchObject({
      products: { status: 'ok', items: [{ id: 'p-1' }, { id: 'p-2' }] },
      invoices: { status: 'ok', items: [{ id: 'inv-1', totalMinor: 5998, itemCount: 1 }] },
      payments: {
        status: 'ok',
        updatedAt: '2023-11-14T22:13:20.000Z',
        stats: {
          pendingRetries: 3,
          inFlight: 0,
          succeeded: 7,
          failed: 2,
          deadLettered: 0,
          lastHour: { succeeded: 4, failed: 1, deadLettered: 0 },
          retryTopics: [
            { topic: 'payments.retry.5s', depth: 2 },
            { topic: 'payments.retry.30s', depth: 1 },
          ],
          deadLetterDepth: 1,
          breakers: [{ name: 'payment', state: 'open' }],
        },
      },
      notifications: { status: 'unavailable', detail: 'notification unreachable', stats: null },
    });
    expect(JSON.stringify(body)).not.toContain('c1@example.com');
  });

  it('GET /health: 200 healthy, 503 degraded, body as in the spec', async () => {
    const healthy = await h.app.inject('/health');
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({
      status: 'healthy',
      timestamp: expect.any(String),
      services: expect.objectContaining({
        aggregator: 'healthy',
        catalog: 'healthy',
        invoice: 'healthy',
        payment: 'healthy',
        kafka: 'healthy',
        'breaker:payment': 'healthy',
        'gateway.breaker:payment_service': 'healthy',
        external_api: 'healthy',
      }),
      details: {},
    });
    h.aggregator.healthy = false;
    const degraded = await h.app.inject('/health');
    expect(degraded.statusCode).toBe(503);
    expect(degraded.json()).toMatchObject({
      status: 'degraded',
      services: { catalog: 'unavailable', 'breaker:payment': 'degraded' },
      details: {
        catalog: 'catalog unreachable',
        'breaker:payment': 'payment provider breaker open',
      },
    });
  });

  it('GET /health: aggregator unreachable → 503 degraded', async () => {
    h.aggregator.control.mode = 'hang';
    const response = await h.app.inject('/health');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'degraded',
      services: { aggregator: 'unavailable' },
    });
  });

  it('GET /metrics is mounted', async () => {
    const response = await h.app.inject('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('# metrics');
  });
});

describe('GET /health with the aggregator hung (production call timeouts)', () => {
  let h: GatewayHarness;
  // The service policy as deployed: 3 s per attempt, 3 attempts; /health must not inherit it.
  beforeAll(async () => (h = await startGatewayHarness({ servicePolicy: { timeoutMs: 3000 } })));
  afterAll(() => h.close());

  it('answers within 1 s, degraded, after one attempt', async () => {
    h.aggregator.control.mode = 'hang';
    const { result: response, ms } = await timed(() => h.app.inject('/health'));
    expect(ms).toBeLessThan(1000);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: 'degraded',
      services: { aggregator: 'unavailable' },
      details: { aggregator: 'aggregator timed out' },
    });
    expect(h.aggregator.control.calls).toBe(1);
  });
});

describe('gateway validation and errors', () => {
  let h: GatewayHarness;
  beforeAll(async () => (h = await startGatewayHarness()));
  afterAll(() => h.close());

  it.each([
    ['/api/products?pageSize=abc', 'pageSize'],
    ['/api/products?pageSize=1000', 'pageSize'],
    ['/api/products?pageSize=0', 'pageSize'],
    ['/api/products?bogus=1', 'bogus'],
    ['/api/products?category=Bad%20Cat', 'category'],
    ['/api/products/bad%20id', 'id'],
    ['/api/products/' + 'x'.repeat(65), 'id'],
    ['/api/invoices?status=lost', 'status'],
    ['/api/invoices/inv%3B1', 'id'],
    ['/api/dashboard?x=1', 'x'],
  ])('GET %s → 400 naming %s', async (url, field) => {
    const response = await h.app.inject(url);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'Invalid request',
      code: 'INVALID_ARGUMENT',
      field,
      reason: expect.any(String),
      requestId: expect.any(String),
    });
  });

  it.each([
    [{ ...order, items: undefined }, 'items'],
    [{ ...order, items: [] }, 'items'],
    [{ ...order, items: [{ productId: 'p-1', quantity: '2' }] }, 'items[0].quantity'],
    [{ ...order, items: [{ productId: 'p-1', quantity: 0 }] }, 'items[0].quantity'],
    [{ ...order, items: [{ productId: 'p-1', quantity: 1.5 }] }, 'items[0].quantity'],
    [{ ...order, items: [{ quantity: 1 }] }, 'items[0].productId'],
    [{ ...order, customerEmail: 'not-an-email' }, 'customerEmail'],
    [{ ...order, admin: true }, 'admin'],
    [{ ...order, paymentMethod: undefined }, 'paymentMethod'],
    [{ ...order, paymentMethod: '4242424242424242' }, 'paymentMethod'],
    [{ ...order, paymentMethod: 'tok_' }, 'paymentMethod'],
    [{ ...order, paymentMethod: `tok_${'x'.repeat(65)}` }, 'paymentMethod'],
    [{ ...order, paymentMethod: 'tok_a-b' }, 'paymentMethod'],
    [[order], 'body'],
  ])(
    'POST /api/orders %j → 400 naming %s, invoice and payment untouched',
    async (payload, field) => {
      const before = { invoice: h.invoice.calls, payment: h.payment.control.calls };
      const response = await h.app.inject({ method: 'POST', url: '/api/orders', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().violations).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      expect(response.body).not.toContain('4242424242424242');
      expect({ invoice: h.invoice.calls, payment: h.payment.control.calls }).toEqual(before);
    },
  );

  it('malformed JSON → 400, text → 400, unknown media type → 415, huge body → 413', async () => {
    const post = (payload: string, contentType = 'application/json') =>
      h.app.inject({
        method: 'POST',
        url: '/api/orders',
        payload,
        headers: { 'content-type': contentType },
      });
    const malformed = await post('{"customerId":');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'Bad request' });
    expect((await post('hello', 'text/plain')).statusCode).toBe(400);
    expect((await post('<order/>', 'application/xml')).statusCode).toBe(415);
    const huge = await post(JSON.stringify({ ...order, customerId: 'x'.repeat(70_000) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ error: 'Payload too large' });
  });

  it('unknown route → 404 JSON', async () => {
    const response = await h.app.inject('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'Not found', code: 'ROUTE_NOT_FOUND' });
  });

  it('unexpected failure → 500 with a request id and nothing internal', async () => {
    h.catalog.mode = 'internal';
    try {
      const response = await h.app.inject('/api/products/p-1');
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: 'Internal error', requestId: expect.any(String) });
      expect(response.body).not.toMatch(/secret|10\.0\.0\.7|SELECT/);
      expect(h.errors.length).toBeGreaterThan(0);
    } finally {
      h.catalog.mode = 'up';
    }
  });
});

describe('gateway when catalog is down', () => {
  let h: GatewayHarness;
  beforeEach(
    async () =>
      (h = await startGatewayHarness({
        servicePolicy: { timeoutMs: 100, retry: { maxAttempts: 1 }, breaker: { minimumCalls: 2 } },
      })),
  );
  afterEach(() => h.close());

  it('serves the last good copy marked cached: true; none → 503 with Retry-After', async () => {
    expect((await h.app.inject('/api/products/p-1')).json()).toMatchObject({ cached: false });
    await h.catalogServer.shutdown();
    const cached = await h.app.inject('/api/products/p-1');
    expect(cached.statusCode).toBe(200);
    expect(cached.json()).toMatchObject({
      product: { id: 'p-1' },
      cached: true,
      cachedAt: expect.any(String),
    });
    const none = await h.app.inject('/api/products/p-2');
    expect(none.statusCode).toBe(503);
    expect(none.headers['retry-after']).toMatch(/^[0-9]+$/);
    expect(none.json()).toMatchObject({ error: 'Service unavailable', dependency: 'catalog' });
    expect((await h.app.inject('/api/products')).statusCode).toBe(503);
  });

  it('once the breaker is open, answers fast without calling catalog', async () => {
    await h.app.inject('/api/products?pageSize=2'); // caches p-1 and p-2 from the listing
    h.catalog.mode = 'hang';
    await h.app.inject('/api/products/p-1');
    await h.app.inject('/api/products/p-1');
    expect(h.registry.get('catalog').state).toBe('open');
    const callsBefore = h.catalog.calls;
    const { result, ms } = await timed(() => h.app.inject('/api/products/p-2'));
    expect(result.json()).toMatchObject({ product: { id: 'p-2' }, cached: true });
    expect(ms).toBeLessThan(fastMs);
    const { result: missing, ms: missMs } = await timed(() => h.app.inject('/api/products/p-9'));
    expect(missing.statusCode).toBe(503);
    expect(Number(missing.headers['retry-after'])).toBeGreaterThan(50); // the 60 s open period
    expect(missMs).toBeLessThan(fastMs);
    expect(h.catalog.calls).toBe(callsBefore);
    const health = await h.app.inject('/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ services: { 'gateway.breaker:catalog': 'unavailable' } });
  });
});

describe('gateway dashboard copy', () => {
  let h: GatewayHarness;
  beforeEach(
    async () =>
      (h = await startGatewayHarness({
        servicePolicy: { timeoutMs: 100, retry: { maxAttempts: 1 } },
        dashboard: { freshMs: 30, staleMs: 300 },
      })),
  );
  afterEach(() => h.close());

  /** The first dashboard answer whose products status is no longer `from`, polled every 20 ms for at most 5 s. */
  const dashboardLeaving = async (from: string) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const answer = await h.app.inject('/api/dashboard');
      const status = (answer.json() as { products?: { status?: string } }).products?.status;
      if (status !== from) return answer;
      if (Date.now() > deadline) throw new Error(`products still ${from} after 5000 ms`);
      await sleep(20);
    }
  };

  it('serves from memory: one aggregator call for a burst', async () => {
    await Promise.all(Array.from({ length: 50 }, () => h.app.inject('/api/dashboard')));
    expect(h.aggregator.control.calls).toBe(1);
  });

  it('aggregator hung: answers at once from the copy, then stale, then unavailable — never an error', async () => {
    await h.app.inject('/api/dashboard');
    h.aggregator.control.mode = 'hang';
    // Past the fresh window (the condition under test): the copy must still answer at once.
    await sleep(40);
    const { result, ms } = await timed(() => h.app.inject('/api/dashboard'));
    expect(ms).toBeLessThan(fastMs);
    expect(result.json()).toMatchObject({ products: { status: 'ok' } });
    // Ok until the background refresh timed out; then it must be stale.
    const stale = (await dashboardLeaving('ok')).json();
    expect(stale).toMatchObject({
      products: {
        status: 'stale',
        detail: 'aggregator timed out',
        items: [{ id: 'p-1' }, { id: 'p-2' }],
      },
      payments: { status: 'stale', detail: 'aggregator timed out', stats: { pendingRetries: 3 } },
      notifications: { status: 'unavailable' },
    });
    // Stale until the stale window ends; then unavailable.
    const gone = await dashboardLeaving('stale');
    expect(gone.statusCode).toBe(200);
    expect(gone.json()).toMatchObject({
      products: { status: 'unavailable', items: [] },
      invoices: { status: 'unavailable' },
    });
  });
});

describe('GET /api/external-data (real sandbox)', () => {
  let h: GatewayHarness;
  beforeEach(async () => (h = await startGatewayHarness()));
  afterEach(() => h.close());
  const get = () => h.app.inject('/api/external-data');

  it('success, then erroring → cached, hanging → cached after the timeout, down → cached', async () => {
    const fresh = await get();
    expect(fresh.statusCode).toBe(200);
    const first = fresh.json();
    expect(first).toEqual({
      success: true,
      data: expect.objectContaining({ version: expect.any(Number) }),
    });
    expect(first.data.items).toHaveLength(5);

    await h.sandbox.controls.setFaults('external', { errorRate: 1 });
    expect((await get()).json()).toEqual({ success: true, data: first.data, cached: true });

    await h.sandbox.controls.setFaults('external', { errorRate: 0, hang: true });
    const { result: hung, ms } = await timed(get);
    expect(hung.json()).toEqual({ success: true, data: first.data, cached: true });
    // Each attempt is aborted at 100 ms; how many of the 3 run depends on the retry budget left.
    expect(ms).toBeGreaterThanOrEqual(95);
    expect(ms).toBeLessThan(2000);

    await h.sandbox.controls.setFaults('external', { hang: false, down: true });
    expect((await get()).json()).toEqual({ success: true, data: first.data, cached: true });
  });

  it('no copy → 503 { success: false, error: "Service unavailable" }', async () => {
    await h.sandbox.controls.setFaults('external', { down: true });
    const response = await get();
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.json()).toEqual({ success: false, error: 'Service unavailable' });
  });
});

describe('GET /api/external-data with the breaker open', () => {
  let h: GatewayHarness;
  beforeEach(
    async () =>
      (h = await startGatewayHarness({
        externalPolicy: { retry: { maxAttempts: 1 }, breaker: { minimumCalls: 2 } },
      })),
  );
  afterEach(() => h.close());

  it('answers from the copy at once, without calling the API', async () => {
    const first = (await h.app.inject('/api/external-data')).json();
    await h.sandbox.controls.setFaults('external', { errorRate: 1 });
    await h.app.inject('/api/external-data');
    await h.app.inject('/api/external-data');
    expect(h.registry.get('external_api').state).toBe('open');
    const { result, ms } = await timed(() => h.app.inject('/api/external-data'));
    expect(result.json()).toEqual({ success: true, data: first.data, cached: true });
    expect(ms).toBeLessThan(fastMs);
    const health = await h.app.inject('/health');
    expect(health.json()).toMatchObject({
      status: 'degraded',
      services: { external_api: 'unavailable' },
    });
  });
});
