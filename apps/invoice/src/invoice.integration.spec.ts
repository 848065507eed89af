import { catalogV1, healthV1, invoiceV1 } from '@gaara/contracts';
import { dropSchema, eventually, startDatabaseProxy, type DatabaseProxy } from '@gaara/db/testing';
import {
  createClient,
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  UnavailableError,
  type GrpcClient,
} from '@gaara/grpc';
import { startFakeCatalog, type FakeCatalog } from './testing/fake-catalog';
import { startInvoice, type TestInvoice } from './testing/invoice-harness';
import { startInvoiceStack, stopInvoiceStack, type InvoiceStack } from './testing/invoice-stack';

const { PENDING, PAID, FAILED } = invoiceV1.InvoiceStatus;

describe('invoice service (gRPC in-process, fake catalog over gRPC, real PostgreSQL)', () => {
  let stack: InvoiceStack;
  let catalog: FakeCatalog;
  let invoice: TestInvoice;
  let client: GrpcClient<typeof invoiceV1.InvoiceService>;
  let products: catalogV1.Product[];
  let usdProductId: string;

  const order = (
    items: Array<{ productId: string; quantity: number }>,
    idempotencyKey = '',
  ): Parameters<typeof client.createInvoice>[0] => ({
    customerId: 'cust-1',
    customerEmail: 'ada@example.com',
    idempotencyKey,
    items,
  });

  beforeAll(async () => {
    stack = await startInvoiceStack();
    ({ catalog, invoice, client } = stack);
    const catalogClient = createClient(catalogV1.CatalogService, catalog.address);
    products = (await catalogClient.listProducts({ pageSize: 5 })).products;
    catalogClient.close();
    usdProductId = '0f0e0d0c-0b0a-4908-8706-050403020100';
    catalog.addProduct({
      id: usdProductId,
      name: 'Imported Maple Syrup',
      priceMinor: 1250n,
      currency: 'USD',
    });
  });
  afterAll(() => stopInvoiceStack(stack));

  it('creates a pending invoice priced by the catalog, totals in integer minor units', async () => {
    const [a, b] = products;
    const { invoice: created, replayed } = await client.createInvoice(
      order([
        { productId: a!.id, quantity: 3 },
        { productId: b!.id, quantity: 1 },
      ]),
    );
    expect(replayed).toBe(false);
    expect(created).toMatchObject({
      status: PENDING,
      currency: 'EUR',
      customerId: 'cust-1',
      items: [
        {
          productId: a!.id,
          quantity: 3,
          unitPriceMinor: a!.priceMinor,
          lineTotalMinor: a!.priceMinor * 3n,
        },
        {
          productId: b!.id,
          quantity: 1,
          unitPriceMinor: b!.priceMinor,
          lineTotalMinor: b!.priceMinor,
        },
      ],
    });
    expect(created!.subtotalMinor).toBe(a!.priceMinor * 3n + b!.priceMinor);
    expect(created!.totalMinor).toBe(created!.subtotalMinor);
    const { invoice: fetched } = await client.getInvoice({ id: created!.id });
    expect(fetched).toEqual(created);
  });

  it('rejects an unknown product with INVALID_ARGUMENT naming the item', async () => {
    const error: unknown = await client
      .createInvoice(
        order([
          { productId: products[0].id, quantity: 1 },
          { productId: '00000000-0000-4000-8000-000000000000', quantity: 1 },
        ]),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).violations).toEqual([
      {
        field: 'items[1].product_id',
        description: 'product 00000000-0000-4000-8000-000000000000 does not exist',
      },
    ]);
  });

  it('rejects quantity 0 with INVALID_ARGUMENT naming the field', async () => {
    const error: unknown = await client
      .createInvoice(order([{ productId: products[0].id, quantity: 0 }]))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).violations).toEqual([
      { field: 'items[0].quantity', description: 'must be at least 1' },
    ]);
  });

  it('rejects items in mixed currencies', async () => {
    const error: unknown = await client
      .createInvoice(
        order([
          { productId: products[0].id, quantity: 1 },
          { productId: usdProductId, quantity: 1 },
        ]),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).violations[0]).toMatchObject({
      field: 'items[1].product_id',
    });
  });

  it('rejects an empty order and a bad e-mail address in one answer', async () => {
    const error: unknown = await client
      .createInvoice({ customerId: 'c', customerEmail: 'nope', items: [], idempotencyKey: '' })
      .catch((e: unknown) => e);
    expect((error as InvalidArgumentError).violations.map((v) => v.field)).toEqual([
      'items',
      'customer_email',
    ]);
  });

  it('returns the same invoice when a request is replayed with its idempotency key', async () => {
    const request = order([{ productId: products[2].id, quantity: 2 }], `checkout-${Date.now()}`);
    // Three at once: the database's unique key decides which one creates.
    const racing = await Promise.all([1, 2, 3].map(() => client.createInvoice(request)));
    const later = await client.createInvoice(request);
    const ids = new Set([...racing, later].map((r) => r.invoice!.id));
    expect(ids.size).toBe(1);
    expect(racing.filter((r) => !r.replayed)).toHaveLength(1);
    expect(later.replayed).toBe(true);
    const stored = await invoice.db('invoices').where({ idempotency_key: request.idempotencyKey });
    expect(stored).toHaveLength(1);
  });

  it('refuses an idempotency key reused for a different order', async () => {
    const key = `checkout-reuse-${Date.now()}`;
    await client.createInvoice(order([{ productId: products[0].id, quantity: 1 }], key));
    const error: unknown = await client
      .createInvoice(order([{ productId: products[0].id, quantity: 2 }], key))
      .catch((e: unknown) => e);
    expect((error as InvalidArgumentError).violations.map((v) => v.field)).toEqual([
      'idempotency_key',
    ]);
  });

  it('moves pending → paid, idempotently for the same payment, and refuses other moves', async () => {
    const { invoice: created } = await client.createInvoice(
      order([{ productId: products[0].id, quantity: 1 }]),
    );
    const id = created!.id;
    const paid = await client.markInvoicePaid({ invoiceId: id, paymentId: 'pay-1' });
    expect(paid.invoice).toMatchObject({ status: PAID, paymentId: 'pay-1' });
    const again = await client.markInvoicePaid({ invoiceId: id, paymentId: 'pay-1' });
    expect(again.invoice).toMatchObject({ status: PAID, paymentId: 'pay-1' });
    await expect(
      client.markInvoicePaid({ invoiceId: id, paymentId: 'pay-2' }),
    ).rejects.toBeInstanceOf(FailedPreconditionError);
    await expect(
      client.markInvoiceFailed({ invoiceId: id, reason: 'declined' }),
    ).rejects.toBeInstanceOf(FailedPreconditionError);
  });

  it('pays a pending invoice with one UPDATE and one read of its lines (issue #10: was a five-statement transaction)', async () => {
    const { invoice: created } = await client.createInvoice(
      order([{ productId: products[2].id, quantity: 2 }]),
    );
    const statements: string[] = [];
    const count = (query: { sql: string }): void => void statements.push(query.sql);
    invoice.db.on('query', count);
    try {
      const paid = await client.markInvoicePaid({ invoiceId: created!.id, paymentId: 'pay-once' });
      expect(paid.invoice).toMatchObject({ status: PAID, paymentId: 'pay-once' });
      expect(paid.invoice!.items).toHaveLength(1);
    } finally {
      invoice.db.off('query', count);
    }
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/^update "invoices"/);
  });

  it('moves pending → failed and refuses to pay a failed invoice', async () => {
    const { invoice: created } = await client.createInvoice(
      order([{ productId: products[1].id, quantity: 1 }]),
    );
    const id = created!.id;
    const failed = await client.markInvoiceFailed({ invoiceId: id, reason: 'card declined' });
    expect(failed.invoice).toMatchObject({ status: FAILED, failureReason: 'card declined' });
    await expect(
      client.markInvoiceFailed({ invoiceId: id, reason: 'again' }),
    ).resolves.toMatchObject({
      invoice: { status: FAILED, failureReason: 'card declined' },
    });
    await expect(
      client.markInvoicePaid({ invoiceId: id, paymentId: 'late' }),
    ).rejects.toBeInstanceOf(FailedPreconditionError);
  });

  it('answers NOT_FOUND for an unknown invoice and INVALID_ARGUMENT for a malformed id', async () => {
    await expect(
      client.getInvoice({ id: '00000000-0000-4000-8000-000000000001' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      client.markInvoicePaid({ invoiceId: '00000000-0000-4000-8000-000000000001', paymentId: 'p' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.getInvoice({ id: 'abc' })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('lists invoices newest first, page by page, with filters', async () => {
    const customerId = `pager-${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { invoice: created } = await client.createInvoice({
        ...order([{ productId: products[0].id, quantity: i + 1 }]),
        customerId,
      });
      ids.push(created!.id);
    }
    await client.markInvoicePaid({ invoiceId: ids[1], paymentId: 'pay-pager' });

    const seen: string[] = [];
    let pageToken = '';
    do {
      const page = await client.listInvoices({ pageSize: 2, pageToken, customerId });
      expect(page.invoices.length).toBeLessThanOrEqual(2);
      seen.push(...page.invoices.map((i) => i.id));
      pageToken = page.nextPageToken;
    } while (pageToken !== '');
    expect(seen).toEqual([...ids].reverse());

    const paidOnly = await client.listInvoices({ customerId, status: PAID });
    expect(paidOnly.invoices.map((i) => i.id)).toEqual([ids[1]]);

    const firstPage = await client.listInvoices({ pageSize: 2, customerId });
    await expect(
      client.listInvoices({
        pageSize: 2,
        pageToken: firstPage.nextPageToken,
        status: PAID,
        customerId,
      }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(client.listInvoices({ pageToken: 'bogus' })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
  });
});

describe('invoice when its dependencies fail', () => {
  let catalog: FakeCatalog;
  let proxy: DatabaseProxy;
  let invoice: TestInvoice;
  let client: GrpcClient<typeof invoiceV1.InvoiceService>;
  let health: GrpcClient<typeof healthV1.Health>;

  beforeAll(async () => {
    catalog = await startFakeCatalog();
    proxy = await startDatabaseProxy();
    invoice = await startInvoice(proxy.url, catalog.address, 50);
    client = createClient(invoiceV1.InvoiceService, `127.0.0.1:${invoice.server.port}`);
    health = createClient(healthV1.Health, `127.0.0.1:${invoice.server.port}`);
  });
  afterAll(async () => {
    client.close();
    health.close();
    await invoice.stop();
    await proxy.restore();
    await dropSchema(invoice.db, invoice.schema);
    await invoice.db.destroy();
    await proxy.close();
    await catalog.stop();
  });

  it('goes NOT_SERVING while its database connection is cut and SERVING again without a restart', async () => {
    const { SERVING, NOT_SERVING } = healthV1.HealthCheckResponse_ServingStatus;
    const status = async (): Promise<number> =>
      (await health.check({ service: invoiceV1.InvoiceService.typeName })).status;
    await eventually(async () => (await status()) === SERVING);
    await proxy.cut();
    await eventually(async () => (await status()) === NOT_SERVING);
    await proxy.restore();
    await eventually(async () => (await status()) === SERVING);
    await expect(client.listInvoices({})).resolves.toMatchObject({ invoices: [] });
  });

  it('answers UNAVAILABLE for a new invoice while the catalog is down', async () => {
    const { products } = await (async () => {
      const c = createClient(catalogV1.CatalogService, catalog.address);
      try {
        return await c.listProducts({ pageSize: 1 });
      } finally {
        c.close();
      }
    })();
    await catalog.server.shutdown();
    const error: unknown = await client
      .createInvoice({
        customerId: 'c',
        customerEmail: 'c@example.com',
        idempotencyKey: '',
        items: [{ productId: products[0].id, quantity: 1 }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnavailableError);
  });
});
