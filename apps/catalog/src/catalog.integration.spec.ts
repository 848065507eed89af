import { create } from '@bufbuild/protobuf';
import { catalogV1, healthV1 } from '@gaara/contracts';
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import {
  dropSchema,
  eventually,
  startDatabaseProxy,
  testDatabaseUrl,
  uniqueSchemaName,
  type DatabaseProxy,
} from '@gaara/db/testing';
import { createClient, InvalidArgumentError, NotFoundError, type GrpcClient } from '@gaara/grpc';
import { startCatalogServer, type CatalogServer } from './catalog-server';
import { catalogMigrations } from './data/catalog-migrations';
import { seedProductsIfEmpty } from './data/seed-products';

describe('catalog service (gRPC in-process, real PostgreSQL)', () => {
  const schema = uniqueSchemaName('catalog');
  let db: Knex;
  let server: CatalogServer;
  let client: GrpcClient<typeof catalogV1.CatalogService>;

  beforeAll(async () => {
    db = createDatabase({ url: testDatabaseUrl(), schema, pool: { min: 0, max: 5 } });
    await runMigrations(db, { schema, migrations: catalogMigrations });
    expect(await seedProductsIfEmpty(db)).toBeGreaterThanOrEqual(200);
    server = await startCatalogServer({ db, port: 0 });
    client = createClient(catalogV1.CatalogService, `127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    client.close();
    await server.stop();
    await dropSchema(db, schema);
    await db.destroy();
  });

  it('seeds only an empty catalogue', async () => {
    await expect(seedProductsIfEmpty(db)).resolves.toBe(0);
  });

  it('gets a product with its price in integer minor units', async () => {
    const { products } = await client.listProducts({ pageSize: 1 });
    const { product } = await client.getProduct({ id: products[0].id });
    expect(product).toMatchObject({ id: products[0].id, currency: 'EUR' });
    expect(typeof product!.priceMinor).toBe('bigint');
    expect(product!.priceMinor).toBeGreaterThan(0n);
    expect(product!.name.length).toBeGreaterThan(0);
    expect(product!.createdAt).toBeDefined();
  });

  it('answers NOT_FOUND for an unknown id', async () => {
    await expect(
      client.getProduct({ id: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([
    ['not-a-uuid', 'must be a UUID'],
    ['', 'is required'],
  ])('answers INVALID_ARGUMENT for id %j', async (id, description) => {
    const error: unknown = await client.getProduct({ id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).violations).toEqual([{ field: 'id', description }]);
  });

  it('pages through every product exactly once, 20 per page by default', async () => {
    const total = Number((await db('products').count({ n: '*' }))[0].n);
    const seen: string[] = [];
    let pageToken = '';
    let pages = 0;
    do {
      const page = await client.listProducts({ pageToken });
      if (page.nextPageToken !== '') expect(page.products).toHaveLength(20);
      seen.push(...page.products.map((p) => p.id));
      pageToken = page.nextPageToken;
      pages++;
    } while (pageToken !== '');
    expect(new Set(seen).size).toBe(total);
    expect(seen).toHaveLength(total);
    expect(pages).toBe(Math.ceil(total / 20));
  });

  it('caps page_size at 100', async () => {
    const page = await client.listProducts({ pageSize: 1000 });
    expect(page.products).toHaveLength(100);
  });

  it('filters by category and keeps the filter across pages', async () => {
    const first = await client.listProducts({ category: 'kitchen', pageSize: 25 });
    const second = await client.listProducts({
      category: 'kitchen',
      pageSize: 25,
      pageToken: first.nextPageToken,
    });
    const all = [...first.products, ...second.products];
    expect(all).toHaveLength(30);
    expect(all.every((p) => p.category === 'kitchen')).toBe(true);
    expect(second.nextPageToken).toBe('');
  });

  it('returns an empty page for a category with no products', async () => {
    await expect(client.listProducts({ category: 'spaceships' })).resolves.toMatchObject({
      products: [],
      nextPageToken: '',
    });
  });

  const kitchenTokenUsedForGarden = async (): Promise<catalogV1.ListProductsRequest> => {
    const first = await client.listProducts({ category: 'kitchen', pageSize: 1 });
    return create(catalogV1.ListProductsRequestSchema, {
      category: 'garden',
      pageToken: first.nextPageToken,
    });
  };
  it.each([
    ['garbage', () => Promise.resolve({ pageToken: 'garbage!!' }), 'page_token'],
    ['a token from another filter', kitchenTokenUsedForGarden, 'page_token'],
    ['a malformed category', () => Promise.resolve({ category: 'Not A Slug' }), 'category'],
  ])('answers INVALID_ARGUMENT for %s', async (_label, request, field) => {
    const error: unknown = await client.listProducts(await request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).violations.map((v) => v.field)).toEqual([field]);
  });
});

describe('catalog health follows its database', () => {
  const schema = uniqueSchemaName('catalog');
  let proxy: DatabaseProxy;
  let db: Knex;
  let server: CatalogServer;
  let health: GrpcClient<typeof healthV1.Health>;
  let catalog: GrpcClient<typeof catalogV1.CatalogService>;

  const status = async (): Promise<healthV1.HealthCheckResponse_ServingStatus> =>
    (await health.check({ service: catalogV1.CatalogService.typeName })).status;

  beforeAll(async () => {
    proxy = await startDatabaseProxy();
    db = createDatabase({
      url: proxy.url,
      schema,
      pool: { min: 0, max: 5 },
      connectTimeoutMs: 1000,
    });
    await runMigrations(db, { schema, migrations: catalogMigrations });
    await seedProductsIfEmpty(db);
    server = await startCatalogServer({ db, port: 0, healthIntervalMs: 50 });
    health = createClient(healthV1.Health, `127.0.0.1:${server.port}`);
    catalog = createClient(catalogV1.CatalogService, `127.0.0.1:${server.port}`);
  });
  afterAll(async () => {
    health.close();
    catalog.close();
    await server.stop();
    await proxy.restore();
    await dropSchema(db, schema);
    await db.destroy();
    await proxy.close();
  });

  it('goes NOT_SERVING while the connection is cut and SERVING again without a restart', async () => {
    const { SERVING, NOT_SERVING } = healthV1.HealthCheckResponse_ServingStatus;
    await eventually(async () => (await status()) === SERVING);

    await proxy.cut();
    await eventually(async () => (await status()) === NOT_SERVING);
    expect((await health.check({ service: '' })).status).toBe(NOT_SERVING);

    await proxy.restore();
    await eventually(async () => (await status()) === SERVING);
    await expect(catalog.listProducts({ pageSize: 1 })).resolves.toMatchObject({
      products: [expect.objectContaining({ currency: 'EUR' })],
    });
  });
});
