// What an operator or client discovers from the running store without its sources: every gRPC service reflects
// its API (as grpcurl reads it) and the gateway describes its HTTP API in /openapi.json, real answers included.
import { callThroughReflection, ReflectionClient } from '@gaara/grpc/testing';
import { call } from './harness';
import { storeSession } from './testing/store-session';

const session = storeSession({ stepTimeoutMs: 60_000 });
const { step } = session;

/** Each gRPC service of the store and the service it must reflect. */
const reflected = [
  ['catalog', 'gaara.catalog.v1.CatalogService'],
  ['invoice', 'gaara.invoice.v1.InvoiceService'],
  ['payment', 'gaara.payment.v1.PaymentService'],
  ['notification', 'gaara.notification.v1.NotificationService'],
  ['aggregator', 'gaara.aggregator.v1.AggregatorService'],
] as const;

/** The parts of the OpenAPI document these steps read. */
interface OpenApi {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  readonly components: {
    readonly schemas: Record<string, { properties: object; required: string[] }>;
  };
}

step('every gRPC service lists itself and health through server reflection', async () => {
  for (const [name, service] of reflected) {
    const reflection = new ReflectionClient(session.store.address(name));
    try {
      expect(await reflection.listServices()).toEqual(
        expect.arrayContaining([
          service,
          'grpc.health.v1.Health',
          'gaara.common.v1.BreakerAdminService',
        ]),
      );
    } finally {
      reflection.close();
    }
  }
});

step('catalog ListProducts is callable knowing nothing but what reflection answers', async () => {
  const page = await callThroughReflection(
    session.store.address('catalog'),
    'gaara.catalog.v1.CatalogService',
    'ListProducts',
    { page_size: 1 },
  );
  expect(page).toMatchObject({ products: [{ id: expect.any(String), sku: expect.any(String) }] });
});

step('/openapi.json lists POST /api/orders with 202, 400, 409 and 503', async () => {
  const answer = await call(session.store.gatewayUrl, '/openapi.json');
  expect(answer.status).toBe(200);
  const document = answer.body as OpenApi;
  expect(document.openapi).toBe('3.1.0');
  expect(Object.keys(document.paths['/api/orders']?.['post']?.responses ?? {})).toEqual(
    expect.arrayContaining(['202', '400', '409', '503']),
  );
});

step(
  'a real 409 (more than is in stock) carries exactly the fields the document names',
  async () => {
    const gw = session.store.gatewayUrl;
    const document = (await call(gw, '/openapi.json')).body as OpenApi;
    const products = (await call(gw, '/api/products?pageSize=100')).body.products as {
      id: string;
      stock: number;
    }[];
    const product = products.find((p) => p.stock > 0 && p.stock < 1000);
    expect(product).toBeDefined();
    const refused = await call(gw, '/api/orders', {
      method: 'POST',
      json: {
        customerId: 'e2e-discovery',
        customerEmail: 'e2e@example.com',
        paymentMethod: 'tok_visa',
        items: [{ productId: product?.id, quantity: (product?.stock ?? 0) + 1 }],
      },
    });
    expect(refused.status).toBe(409);
    const documented = document.components.schemas['FailedPrecondition'];
    expect(Object.keys(refused.body).sort()).toEqual(
      Object.keys(documented?.properties ?? {}).sort(),
    );
    expect(refused.body.violations).toEqual([
      expect.objectContaining({ field: expect.any(String), reason: expect.any(String) }),
    ]);
  },
);
