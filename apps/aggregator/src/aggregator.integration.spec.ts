import { aggregatorV1, catalogV1, commonV1 } from '@gaara/contracts';
import { createClient, startGrpcServer, type GrpcClient, type GrpcServer } from '@gaara/grpc';
import { BreakerRegistry, silentLogger } from '@gaara/resilience';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildAggregator, type Aggregator } from './build-aggregator';
import { fakeProducts, startFakeCatalog, startFakeInvoice } from './testing/fake-services';

const { SectionStatus, OverallStatus, DependencyStatus } = aggregatorV1;
const freshMs = 50;
// Generous stale window: the 'stale' step must not slip into 'unavailable' on a loaded CI machine.
const staleMs = 1500;

describe('aggregator (in-process, fake catalog and invoice)', () => {
  let catalog: GrpcServer;
  let invoice: GrpcServer;
  let aggregator: Aggregator;
  let server: GrpcServer;
  let client: GrpcClient<typeof aggregatorV1.AggregatorService>;

  beforeEach(async () => {
    catalog = await startFakeCatalog();
    invoice = await startFakeInvoice();
    aggregator = buildAggregator({
      catalogAddress: `127.0.0.1:${catalog.port}`,
      invoiceAddress: `127.0.0.1:${invoice.port}`,
      policy: {
        timeoutMs: 200,
        retry: { initialDelayMs: 5, maxDelayMs: 10 },
        breaker: { minimumCalls: 3 },
      },
      section: { freshMs, staleMs, revalidateWaitMs: 100 },
      healthCheckTimeoutMs: 200,
      watch: { intervalMs: 20, keepAliveMs: 1000 },
      registry: new BreakerRegistry(),
      logger: silentLogger,
    });
    server = await startGrpcServer({
      services: [
        { service: aggregatorV1.AggregatorService, implementation: aggregator.implementation },
      ],
      handleSignals: false,
      shutdownTimeoutMs: 50,
    });
    client = createClient(aggregatorV1.AggregatorService, `127.0.0.1:${server.port}`);
  });

  afterEach(async () => {
    client.close();
    await server.shutdown();
    aggregator.close();
    await Promise.all([catalog.shutdown(), invoice.shutdown()]);
  });

  it('both services up: every live section ok, unbuilt ones honestly unavailable', async () => {
    const dashboard = await client.getDashboard({});
    expect(dashboard.products?.meta?.status).toBe(SectionStatus.OK);
    expect(dashboard.products?.products.map((p) => p.id)).toEqual(fakeProducts.map((p) => p.id));
    expect(dashboard.products?.meta?.updatedAt).toBeDefined();
    expect(dashboard.invoices?.meta?.status).toBe(SectionStatus.OK);
    expect(dashboard.invoices?.invoices).toHaveLength(1);
    expect(dashboard.payments?.meta).toMatchObject({
      status: SectionStatus.UNAVAILABLE,
      detail: 'payment service not deployed yet',
    });
    expect(dashboard.payments?.stats).toBeUndefined();
    expect(dashboard.notifications?.meta?.status).toBe(SectionStatus.UNAVAILABLE);
  });

  it('a healthy source is never reported stale after the fresh window', async () => {
    await client.getDashboard({});
    await sleep(freshMs + 20);
    const dashboard = await client.getDashboard({});
    expect(dashboard.products?.meta?.status).toBe(SectionStatus.OK);
  });

  it('both up: health overall healthy, services, databases and breakers listed', async () => {
    await client.getDashboard({}); // creates breaker traffic
    const { report } = await client.getHealth({});
    expect(report?.overall).toBe(OverallStatus.HEALTHY);
    expect(report?.dependencies.map((d) => d.name)).toEqual([
      'catalog',
      'invoice',
      'catalog.database',
      'invoice.database',
      'breaker:catalog',
      'breaker:invoice',
    ]);
    expect(report?.dependencies[0]?.breakerState).toBe(commonV1.BreakerState.CLOSED);
  });

  it('catalog killed: products stale within the stale window, then unavailable; invoices still ok', async () => {
    const first = await client.getDashboard({});
    const fetchedAt = first.products?.meta?.updatedAt;
    await catalog.shutdown();
    await sleep(freshMs + 10);

    const stale = await client.getDashboard({});
    expect(stale.products?.meta?.status).toBe(SectionStatus.STALE);
    expect(stale.products?.meta?.updatedAt).toEqual(fetchedAt);
    expect(stale.products?.products).toHaveLength(2);
    expect(stale.products?.meta?.detail).toMatch(/^catalog /);
    expect(stale.invoices?.meta?.status).toBe(SectionStatus.OK);

    const health = await client.getHealth({});
    expect(health.report?.overall).toBe(OverallStatus.DEGRADED);
    const catalogEntry = health.report?.dependencies.find((d) => d.name === 'catalog');
    expect(catalogEntry).toMatchObject({
      status: DependencyStatus.UNAVAILABLE,
      detail: 'catalog unreachable',
    });

    await sleep(staleMs);
    const gone = await client.getDashboard({});
    expect(gone.products?.meta?.status).toBe(SectionStatus.UNAVAILABLE);
    expect(gone.products?.products).toEqual([]);
    expect(gone.products?.meta?.updatedAt).toBeUndefined();
    expect(gone.invoices?.meta?.status).toBe(SectionStatus.OK);
  });

  it('a service reporting NOT_SERVING shows its database unavailable', async () => {
    catalog.health.setStatus(catalogV1.CatalogService.typeName, 'NOT_SERVING');
    const { report } = await client.getHealth({});
    expect(report?.overall).toBe(OverallStatus.DEGRADED);
    expect(report?.dependencies.find((d) => d.name === 'catalog')?.status).toBe(
      DependencyStatus.DEGRADED,
    );
    expect(report?.dependencies.find((d) => d.name === 'catalog.database')?.status).toBe(
      DependencyStatus.UNAVAILABLE,
    );
  });

  it('WatchHealth sends the report at once and again when it changes', async () => {
    const controller = new AbortController();
    const watch = client.watchHealth({}, { deadlineMs: Infinity, signal: controller.signal });
    const stream = watch[Symbol.asyncIterator]();
    try {
      const first = await stream.next();
      expect(first.value?.report?.overall).toBe(OverallStatus.HEALTHY);
      catalog.health.setStatus(catalogV1.CatalogService.typeName, 'NOT_SERVING');
      const second = await stream.next();
      expect(second.value?.report?.overall).toBe(OverallStatus.DEGRADED);
    } finally {
      await stream.return?.();
      controller.abort();
    }
  });
});
