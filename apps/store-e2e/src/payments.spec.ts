// Payments end to end: every process really started (built dist) with real PostgreSQL, real Kafka (topics under a
// unique prefix), the sandbox's payment provider and SMTP sink misbehaving on command. Short retry tiers (1s,2s,3s).
// Runs before store.spec.ts (path order), which stops the shared PostgreSQL at its end.
import { randomBytes, randomUUID } from 'node:crypto';
import { connectPublisher, createMessagingClient, type Publisher } from '@gaara/messaging';
import { SandboxControlClient } from '@gaara/sandbox';
import { adminToken, call, eventually, jaegerUrl } from './harness';
import { storeSession } from './testing/store-session';

let sandbox: SandboxControlClient;
let publisher: Publisher;
const session = storeSession({
  stepTimeoutMs: 90_000,
  startTimeoutMs: 120_000,
  beforeStop: async () => {
    await publisher?.disconnect();
  },
});
const { step } = session;
const { schemas, topicPrefix } = session.isolation;
let gw: string;
let productId: string;

interface PlacedOrder {
  readonly invoiceId: string;
  readonly paymentId: string;
  readonly status: number;
  readonly paymentStatus: string;
}

/**
 * POST /api/orders with a fresh idempotency key, repeated with the same key (as a client would) while the store
 * answers 503, e.g. while a breaker in front of a just-restarted service is still open; then 202 (or 200 when an
 * earlier try created the order).
 */
async function placeOrder(paymentMethod = 'tok_visa', traceparent?: string): Promise<PlacedOrder> {
  const body = {
    customerId: 'e2e-payer',
    customerEmail: `payer-${randomBytes(3).toString('hex')}@example.com`,
    paymentMethod,
    idempotencyKey: `order-${randomUUID()}`,
    items: [{ productId, quantity: 1 }],
  };
  const answer = await eventually(
    'order accepted',
    () =>
      call(gw, '/api/orders', {
        method: 'POST',
        json: body,
        headers: traceparent === undefined ? {} : { traceparent },
        timeoutMs: 15_000,
      }),
    (a) => a.status !== 503,
    15_000,
    250,
  );
  // 200: an earlier try of the same key created the order (its answer was the 503).
  expect([200, 202]).toContain(answer.status);
  return {
    invoiceId: answer.body.invoice.id,
    paymentId: answer.body.payment.id,
    status: answer.status,
    paymentStatus: answer.body.payment.status,
  };
}

const paymentRow = async (id: string): Promise<{ status: string; attempts: number }> => {
  const row = await session.db.withSchema(schemas.payment).table('payments').where({ id }).first();
  return { status: String(row?.status), attempts: Number(row?.attempts) };
};

const notificationRow = async (
  idempotencyKey: string,
): Promise<{ attempts: number; last_error: string | null } | undefined> =>
  session.db
    .withSchema(schemas.notification)
    .table('notifications')
    .where({ idempotency_key: idempotencyKey })
    .first('attempts', 'last_error');

const invoiceStatus = async (id: string): Promise<string> =>
  (await call(gw, `/api/invoices/${id}`)).body.invoice.status;

const chargesByKey = async (): Promise<Map<string, number>> => {
  const counts = new Map<string, number>();
  for (const charge of await sandbox.charges()) {
    counts.set(charge.idempotencyKey, (counts.get(charge.idempotencyKey) ?? 0) + 1);
  }
  return counts;
};

const receiptsFor = async (paymentId: string): Promise<number> =>
  (await sandbox.messages()).filter(
    (m) => m.headers['x-gaara-idempotency-key'] === `receipt:${paymentId}`,
  ).length;

/** Every order ends paid, charged exactly once, with exactly one receipt; stays so for `holdMs`. */
async function expectSettledOnce(orders: readonly PlacedOrder[], holdMs = 1500): Promise<void> {
  for (const order of orders) {
    await eventually(
      `invoice ${order.invoiceId} paid`,
      () => invoiceStatus(order.invoiceId),
      (s) => s === 'paid',
      30_000,
      200,
    );
    await eventually(
      `one receipt for ${order.paymentId}`,
      () => receiptsFor(order.paymentId),
      (n) => n >= 1,
      30_000,
      200,
    );
  }
  // No late duplicate is what is tested (an absence): hold a tier or two for one to arrive, then count.
  await new Promise((r) => setTimeout(r, holdMs));
  const charges = await chargesByKey();
  for (const order of orders) {
    expect({ payment: order.paymentId, charges: charges.get(order.paymentId) ?? 0 }).toEqual({
      payment: order.paymentId,
      charges: 1,
    });
    expect(await receiptsFor(order.paymentId)).toBe(1);
    expect((await paymentRow(order.paymentId)).status).toBe('succeeded');
  }
}

const admin = (path: string, init: Parameters<typeof call>[2] = {}, token = adminToken) =>
  call(gw, path, {
    ...init,
    headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` },
  });

/** Reads one counter or gauge sum from a service's Prometheus endpoint; 0 when absent. */
async function metricSum(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return sum;
}

beforeAll(async () => {
  gw = session.store.gatewayUrl;
  sandbox = new SandboxControlClient(session.store.sandboxUrl, { timeoutMs: 3000 });
  const messaging = createMessagingClient({ brokers: ['127.0.0.1:9092'], clientId: 'store-e2e' });
  publisher = await connectPublisher(messaging);
  // The best-stocked product of a page: every order here reserves a unit of it.
  const products = await call(gw, '/api/products?pageSize=100');
  const listed = products.body.products as Array<{ id: string; stock: number }>;
  productId = listed.reduce((best, p) => (p.stock > best.stock ? p : best)).id;
});

afterEach(async () => {
  await sandbox?.resetAll();
});

describe('payments through a misbehaving provider', () => {
  step(
    'provider down for a while → orders pending → back → each charged exactly once, paid, one receipt',
    async () => {
      await sandbox.setFaults('payment', { down: true });
      const orders: PlacedOrder[] = [];
      for (let i = 0; i < 4; i += 1) orders.push(await placeOrder());
      for (const order of orders) expect(order.paymentStatus).toBe('pending');
      for (const order of orders) expect(await invoiceStatus(order.invoiceId)).toBe('pending');
      // The outage lasting a while is the scenario (retries meet it), not a wait for an event.
      await new Promise((r) => setTimeout(r, 1500));
      await sandbox.setFaults('payment', { down: false });
      await expectSettledOnce(orders);
      // Down means no request reached the provider: every key was called exactly once, when it was back.
      const calls = await sandbox.calls();
      for (const order of orders) expect(calls[order.paymentId]).toBe(1);
    },
  );

  step(
    'provider down past the last tier → DLT; replay needs the token; replay after recovery → charged once',
    async () => {
      await sandbox.setFaults('payment', { down: true });
      const orders = [await placeOrder(), await placeOrder()];
      for (const order of orders) {
        await eventually(
          `payment ${order.paymentId} dead-lettered`,
          () => paymentRow(order.paymentId),
          (row) => row.status === 'dead_lettered',
          30_000,
          200,
        );
      }
      const listed = await eventually(
        'both on the payments DLT',
        () => admin('/admin/dead-letters/payments?limit=500'),
        (a) =>
          a.status === 200 &&
          orders.every((o) =>
            a.body.entries.some(
              (e: { key?: string; replayed: boolean }) => e.key === o.paymentId && !e.replayed,
            ),
          ),
        15_000,
        200,
      );
      const entry = listed.body.entries.find((e: { headers: Record<string, string> }) =>
        String(e.headers['gaara-original-topic']).startsWith(topicPrefix),
      );
      expect(entry.headers['gaara-attempt']).toBeDefined();
      expect(entry.headers['gaara-first-failure-at']).toBeDefined();
      expect(entry.headers['gaara-last-error-class']).toBeDefined();
      expect(entry.headers['gaara-dead-letter-reason']).toBeDefined();

      await sandbox.setFaults('payment', { down: false });
      const denied = [
        await call(gw, '/admin/dead-letters/payments/replay', {
          method: 'POST',
          json: { all: true },
        }),
        await admin(
          '/admin/dead-letters/payments/replay',
          { method: 'POST', json: { all: true } },
          'wrong-token',
        ),
      ];
      for (const answer of denied) expect(answer.status).toBe(401);
      // That a denied replay charges nothing is an absence: hold longer than the first tier, then look.
      await new Promise((r) => setTimeout(r, 1500));
      expect((await chargesByKey()).size).toBe(0);
      for (const order of orders)
        expect((await paymentRow(order.paymentId)).status).toBe('dead_lettered');

      const replayed = await admin('/admin/dead-letters/payments/replay', {
        method: 'POST',
        json: { all: true },
      });
      expect(replayed.status).toBe(200);
      expect(replayed.body.replayed).toBeGreaterThanOrEqual(2);
      await expectSettledOnce(orders);
    },
  );

  step(
    'payment service SIGKILLed after the provider charged, and again mid-retry → nothing lost, nothing doubled',
    async () => {
      // In flight: the provider records each charge, then holds its answer; the payer dies before recording it.
      await sandbox.setFaults('payment', { respondDelayMs: 3000 });
      const inFlight = Array.from({ length: 3 }, () => placeOrder().catch(() => undefined));
      await eventually(
        '3 charges made at the provider',
        chargesByKey,
        (c) => c.size >= 3,
        10_000,
        50,
      );
      await session.store.kill('payment', 'SIGKILL');
      await Promise.all(inFlight);
      await sandbox.setFaults('payment', { respondDelayMs: 0 });
      await session.store.start('payment');
      const charged = [...(await chargesByKey()).keys()];
      const invoices = await session.db
        .withSchema(schemas.payment)
        .table('payments')
        .whereIn('id', charged)
        .select('id', 'invoice_id');
      const killedInFlight: PlacedOrder[] = invoices.map(
        (row: { id: string; invoice_id: string }) => ({
          invoiceId: row.invoice_id,
          paymentId: row.id,
          status: 202,
          paymentStatus: 'pending',
        }),
      );
      expect(killedInFlight).toHaveLength(3);
      // The restarted payment serves at once and joins its retry consumers in the background: the in-flight
      // charges settle (sweeper → first tier) before the provider is made to fail for the next phase.
      await expectSettledOnce(killedInFlight, 0);

      // Mid-retry: queued on a tier, killed while it waits and again while its retry is at the provider.
      await sandbox.setFaults('payment', { errorRate: 1, errorStatus: 503 });
      const waiting = await placeOrder();
      expect(waiting.paymentStatus).toBe('pending');
      await session.store.kill('payment', 'SIGKILL');
      await sandbox.setFaults('payment', { errorRate: 0, respondDelayMs: 3000 });
      await session.store.start('payment');
      await eventually(
        'retry reached the provider',
        chargesByKey,
        (c) => c.has(waiting.paymentId),
        20_000,
        50,
      );
      await session.store.kill('payment', 'SIGKILL');
      await sandbox.setFaults('payment', { respondDelayMs: 0 });
      await session.store.start('payment');

      await expectSettledOnce([...killedInFlight, waiting], 2500);
    },
  );
});

describe('receipts and poison', () => {
  step('email provider down → receipts delivered later, once each', async () => {
    await sandbox.setFaults('smtp', { down: true });
    const orders = [await placeOrder(), await placeOrder()];
    for (const order of orders) {
      await eventually(
        `invoice ${order.invoiceId} paid while mail is down`,
        () => invoiceStatus(order.invoiceId),
        (s) => s === 'paid',
        20_000,
        200,
      );
    }
    // Each receipt was tried while mail was down (its send failed), and none reached the sink.
    for (const order of orders) {
      await eventually(
        `receipt for ${order.paymentId} tried while mail is down`,
        () => notificationRow(`receipt:${order.paymentId}`),
        (row) => row !== undefined && row.attempts >= 1 && row.last_error !== null,
        20_000,
        200,
      );
    }
    for (const order of orders) expect(await receiptsFor(order.paymentId)).toBe(0);
    await sandbox.setFaults('smtp', { down: false });
    await expectSettledOnce(orders);
  });

  step('poison messages go to the dead-letter topics at once, with the reason', async () => {
    const marker = `poison-${randomUUID()}`;
    await publisher.publish(`${topicPrefix}payments.retry.1s`, [
      { key: marker, value: '{not json' },
    ]);
    await publisher.publish(`${topicPrefix}payments.events`, [
      { key: marker, value: 'garbage', headers: { 'gaara-type': 'gaara.unknown.v1.Nothing' } },
    ]);
    const paymentsDlt = await eventually(
      'retry-topic poison on payments.dlt',
      () => admin('/admin/dead-letters/payments?limit=500'),
      (a) => a.status === 200 && a.body.entries.some((e: { key?: string }) => e.key === marker),
      10_000,
      200,
    );
    const entry = paymentsDlt.body.entries.find((e: { key?: string }) => e.key === marker);
    expect(entry.headers['gaara-dead-letter-reason']).toMatch(/poison/);
    await eventually(
      'event poison on notifications.dlt',
      () => admin('/admin/dead-letters/notifications?limit=500'),
      (a) => a.status === 200 && a.body.entries.some((e: { key?: string }) => e.key === marker),
      10_000,
      200,
    );
  });
});

describe('retry waits', () => {
  step('payment restarted while a retry waits → processed once, never early', async () => {
    await sandbox.setFaults('payment', { errorRate: 1, errorStatus: 503 });
    const order = await placeOrder();
    expect(order.paymentStatus).toBe('pending');
    await session.store.stop('payment');
    await sandbox.setFaults('payment', { errorRate: 0 });
    await session.store.start('payment');
    await expectSettledOnce([order]);
    expect(await metricSum(session.store.ports.paymentMetrics, 'messaging_retry_early_total')).toBe(
      0,
    );
  });

  step(
    'a second payment instance joins while retries wait → each charged once, never early',
    async () => {
      await sandbox.setFaults('payment', { errorRate: 1, errorStatus: 503 });
      const orders = [await placeOrder(), await placeOrder(), await placeOrder()];
      for (const order of orders) expect(order.paymentStatus).toBe('pending');
      const replica = await session.store.startReplica('payment');
      try {
        await sandbox.setFaults('payment', { errorRate: 0 });
        await expectSettledOnce(orders);
        for (const port of [session.store.ports.paymentMetrics, replica.metricsPort]) {
          expect(await metricSum(port, 'messaging_retry_early_total')).toBe(0);
        }
      } finally {
        await replica.stop();
      }
    },
  );
});

describe('tracing', () => {
  step(
    'a checkout charged on a retry tier is one trace: gateway → reserve → payment → relay → retry consumer → provider → receipt and confirm',
    async () => {
      const traceId = randomBytes(16).toString('hex');
      await sandbox.setFaults('payment', { errorRate: 1, errorStatus: 503 });
      const order = await placeOrder(
        'tok_visa',
        `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      );
      expect(order.paymentStatus).toBe('pending');
      // Queued on a retry tier (the inline attempt gave up) before the provider heals: charged on the tier.
      await eventually(
        `payment ${order.paymentId} queued on a tier`,
        () => paymentRow(order.paymentId),
        (row) => row.status === 'queued',
        15_000,
        50,
      );
      await sandbox.setFaults('payment', { errorRate: 0 });
      await expectSettledOnce([order], 500);

      interface JaegerSpan {
        spanID: string;
        operationName: string;
        processID: string;
        references: { refType: string; spanID: string; traceID: string }[];
        tags: { key: string; value: unknown }[];
      }
      const found = await eventually(
        'trace in Jaeger with the receipt',
        async () => {
          const answer = await call(jaegerUrl, `/api/traces/${traceId}`);
          const data = answer.body?.data?.[0] as
            { spans: JaegerSpan[]; processes: Record<string, { serviceName: string }> } | undefined;
          return data;
        },
        (data) =>
          data !== undefined &&
          new Set(data.spans.map((s) => data.processes[s.processID]?.serviceName)).has(
            'notification',
          ) &&
          // The saga's last step: catalog confirming the reservation from payments.events.
          data.spans.some(
            (s) =>
              data.processes[s.processID]?.serviceName === 'catalog' &&
              /payments\.events/.test(s.operationName),
          ),
        30_000,
        500,
      );
      const trace = found!;
      const services = new Set(trace.spans.map((s) => trace.processes[s.processID]?.serviceName));
      for (const name of ['gateway', 'invoice', 'catalog', 'payment', 'notification'])
        expect(services).toContain(name);
      const operations = trace.spans.map((s) => s.operationName);
      // Reserve (invoice → catalog), charge (below), confirm (catalog's payments.events consumer, waited for above).
      expect(operations.some((o) => /CatalogService\/ReserveStock/.test(o))).toBe(true);
      expect(operations.some((o) => /outbox relay/.test(o))).toBe(true);
      expect(operations.some((o) => /payments\.retry\.1s/.test(o))).toBe(true);
      expect(operations.some((o) => /smtp send/.test(o))).toBe(true);
      // The provider call (fetch, traced through undici) that charged on the retry tier, at least.
      const providerCalls = trace.spans.filter(
        (s) =>
          trace.processes[s.processID]?.serviceName === 'payment' &&
          s.tags.some((t) => String(t.value).includes('/v1/payment_intents')),
      );
      expect(providerCalls.length).toBeGreaterThanOrEqual(1);
      // Parent/child all the way: every span but the gateway's root has its parent inside this trace.
      const ids = new Set(trace.spans.map((s) => s.spanID));
      const orphans = trace.spans.filter(
        (s) => !s.references.some((r) => r.refType === 'CHILD_OF' && ids.has(r.spanID)),
      );
      expect(orphans.length).toBeLessThanOrEqual(1);
    },
  );
});
