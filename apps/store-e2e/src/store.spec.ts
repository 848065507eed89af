// The store end to end: every process really started (built dist) via @gaara/launcher, on loopback with
// ephemeral ports and a unique PostgreSQL schema pair. Scenarios run in order on one store; the last one
// stops the shared PostgreSQL, so this project runs alone (maxWorkers 1, after the other test projects).
import { randomBytes } from 'node:crypto';
import { grpcHealth, type ServiceName } from '@gaara/launcher';
import { SandboxControlClient } from '@gaara/sandbox';
import { breakerOpenMs, call, eventually, jaegerUrl, stack } from './harness';
import { postOrderAsClient } from './testing/order-answers';
import { storeSession } from './testing/store-session';

const session = storeSession({ stepTimeoutMs: 60_000 });
const { step } = session;
const { schemas } = session.isolation;
let sandbox: SandboxControlClient;
let gw: string;
let productId: string;
let secondProductId: string;

const pids = (): Record<string, number | undefined> =>
  Object.fromEntries(session.store.states().map((s) => [s.name, s.pid]));

function expectNoCrash(): void {
  for (const s of session.store.states()) {
    expect({ name: s.name, alive: s.alive, unexpectedExits: s.unexpectedExits }).toEqual({
      name: s.name,
      alive: true,
      unexpectedExits: [],
    });
  }
}

const countInvoices = async (): Promise<number> => {
  const [row] = await session.db.withSchema(schemas.invoice).table('invoices').count({ n: '*' });
  return Number(row['n']);
};

const order = (items: { productId: string; quantity: number }[]) => ({
  customerId: 'e2e-customer',
  customerEmail: 'e2e@example.com',
  paymentMethod: 'tok_visa',
  items,
});

beforeAll(() => {
  gw = session.store.gatewayUrl;
  sandbox = new SandboxControlClient(session.store.sandboxUrl, { timeoutMs: 2000 });
});

describe('happy path', () => {
  step('GET /api/products lists the seeded catalogue, paged and by category', async () => {
    const page = await call(gw, '/api/products?pageSize=5');
    expect(page.status).toBe(200);
    expect(page.body.products).toHaveLength(5);
    expect(typeof page.body.nextPageToken).toBe('string');
    productId = page.body.products[0].id;
    secondProductId = page.body.products[1].id;
    const next = await call(
      gw,
      `/api/products?pageSize=5&pageToken=${encodeURIComponent(page.body.nextPageToken)}`,
    );
    expect(next.status).toBe(200);
    expect(next.body.products[0].id).not.toBe(productId);
    const category = page.body.products[0].category as string;
    const byCategory = await call(gw, `/api/products?pageSize=100&category=${category}`);
    expect(byCategory.status).toBe(200);
    expect(byCategory.body.products.length).toBeGreaterThan(0);
    for (const p of byCategory.body.products) expect(p.category).toBe(category);
  });

  step('GET /api/products/:id answers the product, not cached', async () => {
    const one = await call(gw, `/api/products/${productId}`);
    expect(one.status).toBe(200);
    expect(one.body.product.id).toBe(productId);
    expect(one.body.cached).toBe(false);
    expect(Number.isInteger(one.body.product.priceMinor)).toBe(true);
  });

  step(
    'POST /api/orders → invoice, readable and listed; one trace gateway → invoice → catalog',
    async () => {
      const traceId = randomBytes(16).toString('hex');
      const body = {
        ...order([
          { productId, quantity: 2 },
          { productId: secondProductId, quantity: 1 },
        ]),
        idempotencyKey: `e2e-happy-${randomBytes(8).toString('hex')}`,
      };
      const created = await postOrderAsClient(gw, body, {
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      });
      const attempts = created.repeats + 1;
      // 202 for a new order; 200 when a repeat (after a 503 to repeat) replayed the one the first attempt placed,
      // whose invoice may be paid by then.
      expect(attempts > 1 ? [200, 202] : [202]).toContain(created.status);
      const replayed = created.status === 200;
      const invoice = created.body.invoice;
      expect(replayed ? ['pending', 'paid'] : ['pending']).toContain(invoice.status);
      expect(created.body.payment.status).toBe('succeeded');
      expect(invoice.lines ?? invoice.items).toHaveLength(2);

      const read = await call(gw, `/api/invoices/${invoice.id}`);
      expect(read.status).toBe(200);
      expect(read.body.invoice.id).toBe(invoice.id);
      // Listing needs the customer's own token, which the order's answer carries.
      const list = await call(gw, '/api/invoices?pageSize=10&customerId=e2e-customer', {
        headers: { authorization: `Bearer ${created.body.customerToken}` },
      });
      expect(list.status).toBe(200);
      expect(list.body.invoices.map((i: { id: string }) => i.id)).toContain(invoice.id);
      expect(await countInvoices()).toBe(1);

      // The batch span processors export within a few seconds; Jaeger indexes shortly after.
      const services = await eventually(
        `trace ${traceId} in Jaeger with gateway, invoice and catalog spans`,
        async () => {
          const answer = await call(jaegerUrl, `/api/traces/${traceId}`, { timeoutMs: 2000 });
          if (answer.status !== 200) return [];
          const trace = answer.body.data?.[0];
          const processes = Object.values(trace?.processes ?? {}) as { serviceName: string }[];
          return [...new Set(processes.map((p) => p.serviceName))].sort();
        },
        (names) => ['catalog', 'gateway', 'invoice'].every((n) => names.includes(n)),
        30_000,
        500,
      );
      expect(services).toEqual(expect.arrayContaining(['gateway', 'invoice', 'catalog']));
    },
  );

  step('GET /api/dashboard has ok products and invoices sections', async () => {
    const dash = await eventually(
      'dashboard with ok sections',
      () => call(gw, '/api/dashboard'),
      (a) =>
        a.status === 200 && a.body.products?.status === 'ok' && a.body.invoices?.status === 'ok',
    );
    expect(dash.body).toEqual(
      expect.objectContaining({
        products: expect.objectContaining({ status: 'ok' }),
        invoices: expect.objectContaining({ status: 'ok' }),
        payments: expect.any(Object),
        notifications: expect.any(Object),
      }),
    );
  });

  step(
    'GET /health is 200 healthy, GET /metrics is Prometheus text, GET /api/external-data answers',
    async () => {
      const health = await call(gw, '/health');
      expect(health.status).toBe(200);
      expect(health.body).toEqual(
        expect.objectContaining({
          status: 'healthy',
          timestamp: expect.any(String),
          services: expect.any(Object),
        }),
      );
      const metrics = await call(gw, '/metrics');
      expect(metrics.status).toBe(200);
      expect(String(metrics.body)).toMatch(/^# (HELP|TYPE) /m);
      const external = await call(gw, '/api/external-data');
      expect(external.status).toBe(200);
      expect(external.body.success).toBe(true);
      expect(external.body.cached ?? false).toBe(false);
    },
  );
});

describe('bad inputs: 400/404/413/415, never 500, nothing written', () => {
  step('every route rejects bad input with the field and reason', async () => {
    const before = await countInvoices();
    const huge = 'x'.repeat(200_000);
    const cases: { path: string; init?: Parameters<typeof call>[2]; expect: number[] }[] = [
      // products
      { path: '/api/products?pageSize=abc', expect: [400] },
      { path: '/api/products?pageSize=0', expect: [400] },
      { path: '/api/products?pageSize=1000', expect: [400] },
      { path: '/api/products?category=NOT%20VALID!', expect: [400] },
      { path: '/api/products?pageToken=not-a-token', expect: [400] },
      { path: '/api/products?unknown=1', expect: [400] },
      { path: `/api/products/${'a'.repeat(65)}`, expect: [400] },
      { path: '/api/products/bad%20id!', expect: [400] },
      { path: '/api/products/00000000-0000-0000-0000-000000000000', expect: [404] },
      // invoices
      { path: '/api/invoices?status=shipped', expect: [400] },
      { path: '/api/invoices?pageSize=-1', expect: [400] },
      { path: '/api/invoices/bad%20id!', expect: [400] },
      { path: '/api/invoices/00000000-0000-0000-0000-000000000000', expect: [404] },
      // dashboard, external data, health: no query expected
      { path: '/api/dashboard?x=1', expect: [400] },
      { path: '/api/nope', expect: [404] },
      { path: '/api/orders', expect: [404] }, // GET on a POST route
      // orders: wrong types, missing fields, invalid ids, unknown product, huge and malformed bodies
      { path: '/api/orders', init: { method: 'POST', json: {} }, expect: [400] },
      { path: '/api/orders', init: { method: 'POST', json: order([]) }, expect: [400] },
      {
        path: '/api/orders',
        init: {
          method: 'POST',
          json: order([{ productId, quantity: 'two' as unknown as number }]),
        },
        expect: [400],
      },
      {
        path: '/api/orders',
        init: { method: 'POST', json: order([{ productId, quantity: 0 }]) },
        expect: [400],
      },
      {
        path: '/api/orders',
        init: { method: 'POST', json: order([{ productId, quantity: 1.5 }]) },
        expect: [400],
      },
      {
        path: '/api/orders',
        init: { method: 'POST', json: order([{ productId: 'bad id!', quantity: 1 }]) },
        expect: [400],
      },
      {
        path: '/api/orders',
        init: {
          method: 'POST',
          json: order([{ productId: '00000000-0000-0000-0000-000000000000', quantity: 1 }]),
        },
        expect: [400],
      },
      {
        path: '/api/orders',
        init: {
          method: 'POST',
          json: { ...order([{ productId, quantity: 1 }]), customerEmail: 'nope' },
        },
        expect: [400],
      },
      {
        path: '/api/orders',
        init: { method: 'POST', json: { ...order([{ productId, quantity: 1 }]), extra: true } },
        expect: [400],
      },
      {
        path: '/api/orders',
        init: { method: 'POST', json: { ...order([{ productId, quantity: 1 }]), note: huge } },
        expect: [413],
      },
      {
        path: '/api/orders',
        init: {
          method: 'POST',
          body: '{"customerId":',
          headers: { 'content-type': 'application/json' },
        },
        expect: [400],
      },
      {
        path: '/api/orders',
        init: { method: 'POST', body: 'customerId=a', headers: { 'content-type': 'text/plain' } },
        expect: [400, 415],
      },
    ];
    const results = [];
    for (const c of cases) {
      const answer = await call(gw, c.path, c.init);
      results.push({ path: c.path, body: c.init?.json ?? c.init?.body, status: answer.status });
      expect({ path: c.path, status: answer.status, ok: c.expect.includes(answer.status) }).toEqual(
        {
          path: c.path,
          status: answer.status,
          ok: true,
        },
      );
      if (answer.status === 400) {
        expect(answer.body).toEqual(expect.objectContaining({ error: expect.any(String) }));
      }
    }
    expect(results.every((r) => r.status < 500)).toBe(true);
    expect(await countInvoices()).toBe(before);
    expectNoCrash();
  });
});

describe('external API erroring, hanging, down', () => {
  afterAll(async () => {
    await sandbox.resetAll().catch(() => undefined);
  });

  step(
    'serves the last good copy, then 503 once no copy exists',
    async () => {
      const fresh = await call(gw, '/api/external-data');
      expect(fresh.status).toBe(200);
      expect(fresh.body.cached ?? false).toBe(false);

      for (const fault of [
        { errorRate: 1 },
        { errorRate: 0, hang: true },
        { hang: false, down: true },
      ]) {
        await sandbox.setFaults('external', fault);
        const answer = await call(gw, '/api/external-data', { timeoutMs: 10_000 });
        expect({
          fault,
          status: answer.status,
          success: answer.body.success,
          cached: answer.body.cached,
        }).toEqual({
          fault,
          status: 200,
          success: true,
          cached: true,
        });
      }

      // A fresh gateway process has no copy: 503 { success: false, error: 'Service unavailable' }.
      const others = pids();
      await session.store.stop('gateway');
      await session.store.start('gateway', 'listening');
      const none = await call(gw, '/api/external-data', { timeoutMs: 10_000 });
      expect(none.status).toBe(503);
      expect(none.body).toEqual(
        expect.objectContaining({ success: false, error: 'Service unavailable' }),
      );

      await sandbox.resetAll();
      await eventually(
        'external data back once the breaker closed',
        () => call(gw, '/api/external-data'),
        (a) => a.status === 200 && a.body.success === true && !a.body.cached,
        breakerOpenMs + 10_000,
        200,
      );
      const now = pids();
      for (const name of ['sandbox', 'catalog', 'invoice', 'aggregator'] as ServiceName[]) {
        expect(now[name]).toBe(others[name]);
      }
      await eventually(
        'gateway healthy again',
        () => call(gw, '/health'),
        (a) => a.status === 200,
      );
    },
    90_000,
  );
});

describe('catalog killed', () => {
  step(
    'cached products, stale then unavailable dashboard, 503 health, fast answers; back after restart',
    async () => {
      const before = pids();
      const warm = await call(gw, `/api/products/${productId}`);
      expect(warm.status).toBe(200);

      await session.store.kill('catalog', 'SIGKILL');

      const cached = await eventually(
        'cached copy of the product',
        () => call(gw, `/api/products/${productId}`),
        (a) => a.status === 200 && a.body.cached === true,
      );
      expect(cached.body.product.id).toBe(productId);

      const seen: string[] = [];
      await eventually(
        'dashboard products section unavailable',
        async () => {
          const dash = await call(gw, '/api/dashboard');
          expect(dash.status).toBe(200);
          const status = dash.body.products.status as string;
          if (seen.at(-1) !== status) seen.push(status);
          return status;
        },
        (status) => status === 'unavailable',
        20_000,
        50,
      );
      expect(seen).toContain('stale');
      expect(seen.indexOf('stale')).toBeLessThan(seen.indexOf('unavailable'));

      const health = await eventually(
        '/health 503 degraded',
        () => call(gw, '/health'),
        (a) => a.status === 503,
      );
      expect(health.body.status).toBe('degraded');

      // Breaker open: every request answers at once (cached copy, 503 + Retry-After, dashboard from memory).
      await eventually(
        'products list refused fast by the open breaker',
        () => call(gw, '/api/products'),
        (a) => a.status === 503 && a.ms < 200,
      );
      for (let i = 0; i < 10; i++) {
        const product = await call(gw, `/api/products/${productId}`);
        expect({
          status: product.status,
          cached: product.body.cached,
          fast: product.ms < 200,
        }).toEqual({
          status: 200,
          cached: true,
          fast: true,
        });
        const list = await call(gw, '/api/products');
        expect({ status: list.status, fast: list.ms < 200 }).toEqual({ status: 503, fast: true });
        expect(list.headers.get('retry-after')).toMatch(/^\d+$/);
        const dash = await call(gw, '/api/dashboard');
        expect({ status: dash.status, fast: dash.ms < 200 }).toEqual({ status: 200, fast: true });
      }

      await session.store.start('catalog');
      await eventually(
        'product served fresh again',
        () => call(gw, `/api/products/${productId}`),
        (a) => a.status === 200 && a.body.cached === false,
        breakerOpenMs + 15_000,
        200,
      );
      await eventually(
        'dashboard products ok again',
        () => call(gw, '/api/dashboard'),
        (a) => a.body.products?.status === 'ok',
        breakerOpenMs + 15_000,
        200,
      );
      await eventually(
        '/health 200 again',
        () => call(gw, '/health'),
        (a) => a.status === 200,
        breakerOpenMs + 15_000,
        200,
      );
      const after = pids();
      for (const name of ['sandbox', 'invoice', 'aggregator', 'gateway'] as ServiceName[]) {
        expect(after[name]).toBe(before[name]);
      }
      expect(after['catalog']).not.toBe(before['catalog']);
    },
    90_000,
  );
});

// Last: stops the shared PostgreSQL (this project runs alone, after every other test project).
describe('PostgreSQL stopped', () => {
  afterAll(() => {
    stack('start', 'postgres');
  }, 130_000);

  step(
    'services NOT_SERVING and gateway degraded, no crash; recovery without restarts',
    async () => {
      const before = pids();
      stack('stop', 'postgres');
      try {
        for (const name of ['catalog', 'invoice', 'payment', 'notification'] as const) {
          await eventually(
            `${name} NOT_SERVING`,
            () => grpcHealth(session.store.address(name), 500),
            (h) => h === 'NOT_SERVING',
          );
        }
        const health = await eventually(
          '/health 503 degraded',
          () => call(gw, '/health'),
          (a) => a.status === 503,
        );
        expect(health.body.status).toBe('degraded');
        const dash = await call(gw, '/api/dashboard');
        expect(dash.status).toBe(200);
        const refused = await call(gw, '/api/orders', {
          method: 'POST',
          json: order([{ productId, quantity: 1 }]),
          timeoutMs: 15_000,
        });
        expect(refused.status).toBeGreaterThanOrEqual(500);
        expect(refused.status).not.toBe(500);
        expectNoCrash();
      } finally {
        stack('start', 'postgres');
      }
      for (const name of ['catalog', 'invoice', 'payment', 'notification'] as const) {
        await eventually(
          `${name} SERVING again`,
          () => grpcHealth(session.store.address(name), 500),
          (h) => h === 'SERVING',
          20_000,
        );
      }
      await eventually(
        '/health 200 again',
        () => call(gw, '/health'),
        (a) => a.status === 200,
        breakerOpenMs + 20_000,
        200,
      );
      const created = await eventually(
        'orders accepted again',
        () =>
          call(gw, '/api/orders', {
            method: 'POST',
            json: order([{ productId, quantity: 1 }]),
            timeoutMs: 10_000,
          }),
        (a) => a.status === 202,
        breakerOpenMs + 20_000,
        250,
      );
      expect(created.body.invoice.status).toBe('pending');
      expectNoCrash();
      expect(pids()).toEqual(before);
    },
    120_000,
  );
});
