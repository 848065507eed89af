import { FailedPreconditionError } from '@gaara/grpc';
import type { InjectOptions } from 'fastify';
import { deadLetterTopology, ensureTopics } from '@gaara/messaging';
import { DEAD_LETTER_QUEUES } from '@gaara/topology';
import { ReplayRefusedError } from './errors/gateway-errors';
import { httpErrorResponse } from './errors/http-error-response';
import { startDeadLetterFixture, type DeadLetterFixture } from './testing/dead-letter-fixture';
import {
  answerProblems,
  documentedAnswer,
  type OpenApiDocument,
} from './testing/documented-answers';
import { CustomerTokens } from './invoices/customer-tokens';
import {
  startGatewayHarness,
  testAdminToken,
  testCustomerTokenSecret,
  testRetryDelays,
  type GatewayHarness,
  type HarnessOptions,
} from './testing/gateway-harness';

// The admin routes list real Kafka topics (the stack's broker, a unique prefix).
jest.setTimeout(60_000);

const order = {
  customerId: 'c-1',
  customerEmail: 'c1@example.com',
  items: [{ productId: 'p-1', quantity: 2 }],
  paymentMethod: 'tok_visa',
};

/** A request, the operation it reaches as the document names it, and the status it must answer. */
interface Case {
  readonly name: string;
  readonly request: InjectOptions;
  readonly path: string;
  readonly status: number;
  /** Puts the harness into the state the case needs; the state is reset by a new harness per case. */
  readonly arrange?: (h: GatewayHarness) => Promise<void> | void;
  /** Policy of the gateway's gRPC calls: short for the cases that wait for a hung dependency. */
  readonly servicePolicy?: HarnessOptions['servicePolicy'];
  readonly orderLimits?: HarnessOptions['orderLimits'];
}

/** One attempt of 100 ms: a hung dependency answers 503 at once. */
const giveUpFast = { timeoutMs: 100, retry: { maxAttempts: 1 } };

const json = (url: string, payload: unknown): InjectOptions => ({
  method: 'POST',
  url,
  payload: payload as object,
});
const raw = (payload: string, contentType: string): InjectOptions => ({
  method: 'POST',
  url: '/api/orders',
  payload,
  headers: { 'content-type': contentType },
});

const adminAuth = { authorization: `Bearer ${testAdminToken}` };
const customerAuth = {
  authorization: `Bearer ${new CustomerTokens(testCustomerTokenSecret).issue('c-1')}`,
};

const cases: readonly Case[] = [
  {
    name: 'a page of products',
    request: { url: '/api/products?pageSize=1' },
    path: '/api/products',
    status: 200,
  },
  {
    name: 'a bad page size',
    request: { url: '/api/products?pageSize=0' },
    path: '/api/products',
    status: 400,
  },
  {
    name: 'a product',
    request: { url: '/api/products/p-2' },
    path: '/api/products/{id}',
    status: 200,
  },
  {
    name: 'an unknown product',
    request: { url: '/api/products/nope' },
    path: '/api/products/{id}',
    status: 404,
  },
  {
    name: 'catalog hung, no copy',
    request: { url: '/api/products/p-2' },
    path: '/api/products/{id}',
    status: 503,
    arrange: (h) => void (h.catalog.mode = 'hang'),
    servicePolicy: giveUpFast,
  },
  {
    name: 'a bug',
    request: { url: '/api/products/p-1' },
    path: '/api/products/{id}',
    status: 500,
    arrange: (h) => void (h.catalog.mode = 'internal'),
  },
  { name: 'an order', request: json('/api/orders', order), path: '/api/orders', status: 202 },
  {
    name: 'an order replayed by its key',
    request: json('/api/orders', { ...order, idempotencyKey: 'checkout-0001' }),
    path: '/api/orders',
    status: 200,
    arrange: async (h) =>
      void (await h.app.inject(json('/api/orders', { ...order, idempotencyKey: 'checkout-0001' }))),
  },
  {
    name: 'an order without items',
    request: json('/api/orders', { ...order, items: [] }),
    path: '/api/orders',
    status: 400,
  },
  {
    name: 'an order that is not JSON',
    request: raw('{"customerId":', 'application/json'),
    path: '/api/orders',
    status: 400,
  },
  {
    name: 'an order as XML',
    request: raw('<order/>', 'application/xml'),
    path: '/api/orders',
    status: 415,
  },
  {
    name: 'a huge order',
    request: raw(JSON.stringify({ ...order, customerId: 'x'.repeat(70_000) }), 'application/json'),
    path: '/api/orders',
    status: 413,
  },
  {
    name: 'an order whose payment cannot be queued',
    request: json('/api/orders', order),
    path: '/api/orders',
    status: 503,
    arrange: (h) => void (h.payment.control.mode = 'hang'),
    servicePolicy: giveUpFast,
  },
  {
    name: 'an order past its deadline',
    request: json('/api/orders', order),
    path: '/api/orders',
    status: 503,
    arrange: (h) => void (h.invoice.mode = 'hang'),
    orderLimits: { deadlineMs: 100 },
  },
  {
    name: 'a page of invoices',
    request: { url: '/api/invoices?status=paid', headers: adminAuth },
    path: '/api/invoices',
    status: 200,
  },
  {
    name: "a customer's page of invoices",
    request: { url: '/api/invoices', headers: customerAuth },
    path: '/api/invoices',
    status: 200,
  },
  {
    name: 'invoices without a token',
    request: { url: '/api/invoices' },
    path: '/api/invoices',
    status: 401,
  },
  {
    name: 'an invoice',
    request: { url: '/api/invoices/inv-1' },
    path: '/api/invoices/{id}',
    status: 200,
    arrange: async (h) => void (await h.app.inject(json('/api/orders', order))),
  },
  {
    name: 'an unknown invoice',
    request: { url: '/api/invoices/nope' },
    path: '/api/invoices/{id}',
    status: 404,
  },
  {
    name: 'the dashboard',
    request: { url: '/api/dashboard' },
    path: '/api/dashboard',
    status: 200,
  },
  {
    name: 'the dashboard with a query',
    request: { url: '/api/dashboard?x=1' },
    path: '/api/dashboard',
    status: 400,
  },
  { name: 'health', request: { url: '/health' }, path: '/health', status: 200 },
  {
    name: 'health degraded',
    request: { url: '/health' },
    path: '/health',
    status: 503,
    arrange: (h) => void (h.aggregator.healthy = false),
  },
  {
    name: 'external data',
    request: { url: '/api/external-data' },
    path: '/api/external-data',
    status: 200,
  },
  {
    name: 'external data down, no copy',
    request: { url: '/api/external-data' },
    path: '/api/external-data',
    status: 503,
    arrange: async (h) => void (await h.sandbox.controls.setFaults('external', { down: true })),
  },
  {
    name: 'dead letters without the token',
    request: { url: '/admin/dead-letters/payments' },
    path: '/admin/dead-letters/{queue}',
    status: 401,
  },
  {
    name: 'breakers without the token',
    request: { url: '/admin/breakers' },
    path: '/admin/breakers',
    status: 401,
  },
  {
    name: "the console's breakers",
    request: { url: '/console/api/breakers' },
    path: '/console/api/breakers',
    status: 200,
  },
  {
    name: "the console's alerts (the stack's Prometheus)",
    request: { url: '/console/api/prometheus/api/v1/alerts' },
    path: '/console/api/prometheus/api/v1/{endpoint}',
    status: 200,
  },
  {
    name: 'an endpoint of Prometheus the console does not proxy',
    request: { url: '/console/api/prometheus/api/v1/admin' },
    path: '/console/api/prometheus/api/v1/{endpoint}',
    status: 400,
  },
  {
    name: "the console's trace services (the stack's Jaeger)",
    request: { url: '/console/api/jaeger/api/services' },
    path: '/console/api/jaeger/api/services',
    status: 200,
  },
];

/** A case of a POST without a body to `url`, which the operation `path` must answer with `status`. */
const post = (name: string, url: string, path: string, status: number): Case => ({
  name,
  request: { method: 'POST', url },
  path,
  status,
});

/** Cases of the admin routes: they need the token and a queue with an entry. */
const adminCases: readonly Omit<Case, 'arrange'>[] = [
  {
    name: 'dead letters',
    request: { url: '/admin/dead-letters/payments' },
    path: '/admin/dead-letters/{queue}',
    status: 200,
  },
  {
    name: 'an unknown queue',
    request: { url: '/admin/dead-letters/nope' },
    path: '/admin/dead-letters/{queue}',
    status: 404,
  },
  {
    name: 'a replay of all',
    request: json('/admin/dead-letters/payments/replay', { all: true }),
    path: '/admin/dead-letters/{queue}/replay',
    status: 200,
  },
  {
    name: "an event consumer's dead letters",
    request: { url: '/admin/dead-letters/invoice' },
    path: '/admin/dead-letters/{queue}',
    status: 200,
  },
  {
    name: "a replay of one of an event consumer's",
    request: json('/admin/dead-letters/catalog/replay', { partition: 0, offset: '0' }),
    path: '/admin/dead-letters/{queue}/replay',
    status: 200,
  },
  { name: 'breakers', request: { url: '/admin/breakers' }, path: '/admin/breakers', status: 200 },
  post(
    'isolating a breaker',
    '/admin/breakers/catalog/isolate',
    '/admin/breakers/{name}/isolate',
    200,
  ),
  post('resetting it', '/admin/breakers/catalog/reset', '/admin/breakers/{name}/reset', 200),
  post('an unknown breaker', '/admin/breakers/nope/reset', '/admin/breakers/{name}/reset', 404),
  post(
    "another process's breaker it does not have",
    '/admin/breakers/invoice/nope/isolate',
    '/admin/breakers/{process}/{name}/isolate',
    404,
  ),
  post(
    'a process the store does not have',
    '/admin/breakers/nowhere/catalog/reset',
    '/admin/breakers/{process}/{name}/reset',
    400,
  ),
];

async function openApiOf(h: GatewayHarness): Promise<OpenApiDocument> {
  const response = await h.app.inject('/openapi.json');
  expect(response.statusCode).toBe(200);
  return response.json<OpenApiDocument>();
}

describe('GET /openapi.json', () => {
  let h: GatewayHarness;
  let document: OpenApiDocument;
  beforeAll(async () => {
    h = await startGatewayHarness();
    document = await openApiOf(h);
  });
  afterAll(() => h.close());

  it('is OpenAPI 3.1 and lists every route with its method, itself hidden', () => {
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual([
      'GET /admin/breakers',
      'GET /admin/dead-letters/{queue}',
      'GET /api/dashboard',
      'GET /api/external-data',
      'GET /api/invoices',
      'GET /api/invoices/{id}',
      'GET /api/products',
      'GET /api/products/{id}',
      'GET /console/api/breakers',
      'GET /console/api/jaeger/api/services',
      'GET /console/api/jaeger/api/traces',
      'GET /console/api/jaeger/api/traces/{traceId}',
      'GET /console/api/prometheus/api/v1/{endpoint}',
      'GET /health',
      'GET /metrics',
      'POST /admin/breakers/{name}/isolate',
      'POST /admin/breakers/{name}/reset',
      'POST /admin/breakers/{process}/{name}/isolate',
      'POST /admin/breakers/{process}/{name}/reset',
      'POST /admin/dead-letters/{queue}/replay',
      'POST /api/invoices/{id}/payments',
      'POST /api/orders',
    ]);
  });

  it('describes POST /api/orders: its body, 202, 400 with violations, 409 not enough stock, 503 with Retry-After', () => {
    const orders = document.paths['/api/orders']?.['post'];
    expect(orders?.requestBody?.content['application/json']?.schema).toMatchObject({
      required: ['customerId', 'customerEmail', 'items', 'paymentMethod'],
    });
    expect(Object.keys(orders?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '202', '400', '409', '413', '415', '500', '503']),
    );
    const schemaOf = (status: number) =>
      documentedAnswer(document, 'POST', '/api/orders', status)?.content?.['application/json']
        ?.schema;
    expect(schemaOf(202)).toEqual({ $ref: '#/components/schemas/OrderAnswer' });
    expect(schemaOf(400)).toMatchObject({
      oneOf: [{ $ref: '#/components/schemas/InvalidRequest' }, expect.anything()],
    });
    expect(document.components.schemas['InvalidRequest']).toMatchObject({
      required: expect.arrayContaining(['violations']),
    });
    expect(schemaOf(409)).toEqual({ $ref: '#/components/schemas/FailedPrecondition' });
    expect(schemaOf(503)).toMatchObject({
      oneOf: [
        { $ref: '#/components/schemas/ServiceUnavailable' },
        { $ref: '#/components/schemas/PaymentUnavailable' },
        { $ref: '#/components/schemas/OrderTimeout' },
      ],
    });
    expect(documentedAnswer(document, 'POST', '/api/orders', 503)?.headers).toHaveProperty(
      'Retry-After',
    );
  });

  it('names every dead-letter queue: in the queue parameter and in the listing', () => {
    const queues = ['payments', 'notifications', 'invoice', 'catalog'];
    const get = document.paths['/admin/dead-letters/{queue}']?.['get'] as
      { parameters?: { name: string; in: string; description?: string }[] } | undefined;
    const param = get?.parameters?.find((p) => p.name === 'queue' && p.in === 'path');
    expect(param?.description).toBe(
      `the dead-letter queue: ${queues.join(', ')}; another name answers 404`,
    );
    expect(document.components.schemas['DeadLetterList']).toMatchObject({
      properties: { queue: { enum: queues } },
    });
  });

  it('names the admin token as the security of the admin routes only', () => {
    const security = (path: string, method: string) =>
      (document.paths[path]?.[method] as { security?: unknown } | undefined)?.security;
    expect(security('/admin/dead-letters/{queue}', 'get')).toEqual([{ adminToken: [] }]);
    expect(security('/api/orders', 'post')).toBeUndefined();
  });

  it('documents the 409 bodies exactly as the error mapping answers them', () => {
    const stock = httpErrorResponse(
      new FailedPreconditionError('not enough stock', [
        { field: 'items[0].quantity', description: 'product p-1: 1 available, 2 asked' },
      ]),
      'req-1',
    );
    const refused = httpErrorResponse(
      new ReplayRefusedError(
        'payments',
        { partition: 0, offset: '7' },
        "the order's stock is gone",
      ),
      'req-2',
    );
    expect(
      answerProblems(document, { method: 'POST', path: '/api/orders', status: 409 }, stock.body),
    ).toEqual([]);
    expect(
      answerProblems(
        document,
        { method: 'POST', path: '/admin/dead-letters/{queue}/replay', status: 409 },
        refused.body,
      ),
    ).toEqual([]);
  });

  it('the check of answers refuses a field more, a field less and a wrong type', async () => {
    const product = (await h.app.inject('/api/products/p-2')).json<{
      product: Record<string, unknown>;
    }>();
    const answer = { method: 'GET', path: '/api/products/{id}', status: 200 };
    expect(answerProblems(document, answer, product)).toEqual([]);
    const withoutSku = Object.fromEntries(
      Object.entries(product.product).filter(([field]) => field !== 'sku'),
    );
    for (const wrong of [
      { ...product, extra: 1 },
      { ...product, product: withoutSku },
      { ...product, product: { ...product.product, priceMinor: '19.99' } },
    ]) {
      expect(answerProblems(document, answer, wrong)).not.toEqual([]);
    }
  });
});

describe('every answer the routes give fits the document, no field more or less', () => {
  let h: GatewayHarness;
  afterEach(() => h.close());

  it.each(cases)('$name → $status', async (c) => {
    const { request, path, status, arrange, servicePolicy, orderLimits } = c;
    h = await startGatewayHarness({ servicePolicy, orderLimits });
    await arrange?.(h);
    const response = await h.app.inject(request);
    expect(response.statusCode).toBe(status);
    const document = await openApiOf(h);
    const method = request.method ?? 'GET';
    expect(answerProblems(document, { method, path, status }, response.json())).toEqual([]);
    if (documentedAnswer(document, method, path, status)?.headers?.['Retry-After'] !== undefined) {
      expect(response.headers['retry-after']).toMatch(/^[0-9]+$/);
    }
  });
});

describe('the admin answers fit the document (real Kafka)', () => {
  let h: GatewayHarness;
  let kafka: DeadLetterFixture;
  let document: OpenApiDocument;
  beforeAll(async () => {
    h = await startGatewayHarness();
    kafka = await startDeadLetterFixture(h.kafkaBrokers, h.topicPrefix, testRetryDelays.payments);
    await kafka.addDeadLetter('pay-1');
    const eventQueues = [DEAD_LETTER_QUEUES.invoice, DEAD_LETTER_QUEUES.catalog];
    // The event consumers' dead-letter and replay topics, as the stack creates them (empty here).
    await ensureTopics(
      kafka.client,
      eventQueues.flatMap((declared) => [
        ...deadLetterTopology(declared, { topicPrefix: h.topicPrefix }).topics,
      ]),
      { partitions: 1 },
    );
    document = await openApiOf(h);
  });
  afterAll(async () => {
    await kafka.close();
    await h.close();
  });

  it.each(adminCases)('$name → $status', async ({ request, path, status }) => {
    const response = await h.app.inject({
      ...request,
      headers: { authorization: `Bearer ${h.adminToken}` },
    });
    expect(response.statusCode).toBe(status);
    const method = request.method ?? 'GET';
    expect(answerProblems(document, { method, path, status }, response.json())).toEqual([]);
  });
});
