import { aggregatorV1, catalogV1, commonV1 } from '@gaara/contracts';
import { createClient, startGrpcServer, type GrpcClient, type GrpcServer } from '@gaara/grpc';
import { BreakerRegistry, silentLogger } from '@gaara/resilience';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildAggregator, type Aggregator } from './build-aggregator';
import {
  fakeProducts,
  startFakeCatalog,
  startFakeInvoice,
  startFakeNotification,
  startFakePayment,
  type FakeStatsState,
} from './testing/fake-services';

const { SectionStatus, OverallStatus, DependencyStatus, DependencyKind } = aggregatorV1;
const { BreakerState } = commonV1;
/** The stack's real broker; an address nothing listens on for the negative case. */
const stackKafka = (process.env['GAARA_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const deadKafka = ['127.0.0.1:1'];
const freshMs = 50;
// Generous stale window: the 'stale' step must not slip into 'unavailable' on a loaded CI machine.
const staleMs = 1500;

/** An aggregator in-process over fake services, served on an ephemeral port. */
interface Rig {
  readonly catalog: GrpcServer;
  readonly invoice: GrpcServer;
  readonly payment: GrpcServer;
  readonly notification: GrpcServer;
  readonly stats: FakeStatsState;
  readonly client: GrpcClient<typeof aggregatorV1.AggregatorService>;
  close(): Promise<void>;
}

async function startRig(kafkaBrokers: readonly string[]): Promise<Rig> {
  const stats: FakeStatsState = {
    paymentBreaker: BreakerState.CLOSED,
    emailBreaker: BreakerState.CLOSED,
  };
  const [catalog, invoice, payment, notification] = await Promise.all([
    startFakeCatalog(),
    startFakeInvoice(),
    startFakePayment(stats),
    startFakeNotification(stats),
  ]);
  const aggregator: Aggregator = buildAggregator({
    catalogAddress: `127.0.0.1:${catalog.port}`,
    invoiceAddress: `127.0.0.1:${invoice.port}`,
    paymentAddress: `127.0.0.1:${payment.port}`,
    notificationAddress: `127.0.0.1:${notification.port}`,
    kafkaBrokers,
    policy: {
      timeoutMs: 200,
      retry: { initialDelayMs: 5, maxDelayMs: 10 },
      breaker: { minimumCalls: 3 },
    },
    // Generous waits: a loaded CI machine must not turn a healthy answer into a stale or unreachable one.
    section: { freshMs, staleMs, revalidateWaitMs: 500 },
    healthCheckTimeoutMs: 1000,
    kafkaCheckTimeoutMs: 2000,
    healthReportBudgetMs: 2500,
    watch: { intervalMs: 20, keepAliveMs: 1000 },
    registry: new BreakerRegistry(),
    logger: silentLogger,
  });
  const server = await startGrpcServer({
    services: [
      { service: aggregatorV1.AggregatorService, implementation: aggregator.implementation },
    ],
    handleSignals: false,
    shutdownTimeoutMs: 50,
  });
  const client = createClient(aggregatorV1.AggregatorService, `127.0.0.1:${server.port}`);
  return {
    catalog,
    invoice,
    payment,
    notification,
    stats,
    client,
    close: async () => {
      client.close();
      await server.shutdown();
      aggregator.close();
      await Promise.all([catalog, invoice, payment, notification].map((s) => s.shutdown()));
    },
  };
}

/** Polls `check` every 50 ms until it answers a value, for at most `timeoutMs`. */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The first dashboard whose `section` status is no longer `from` (polled; at most `timeoutMs`). */
async function dashboardLeaving(
  client: GrpcClient<typeof aggregatorV1.AggregatorService>,
  section: 'products' | 'payments',
  from: aggregatorV1.SectionStatus,
  timeoutMs = 5000,
): Promise<aggregatorV1.GetDashboardResponse> {
  return eventually(async () => {
    const dashboard = await client.getDashboard({});
    return dashboard[section]?.meta?.status === from ? undefined : dashboard;
  }, timeoutMs);
}

describe('aggregator (in-process, fake services, real Kafka)', () => {
  let rig: Rig;
  let catalog: GrpcServer;
  let client: GrpcClient<typeof aggregatorV1.AggregatorService>;

  beforeEach(async () => {
    rig = await startRig(stackKafka);
    ({ catalog, client } = rig);
  });

  afterEach(() => rig.close());

  it('every service up: every section ok, with its data', async () => {
    const dashboard = await client.getDashboard({});
    expect(dashboard.products?.meta?.status).toBe(SectionStatus.OK);
    expect(dashboard.products?.products.map((p) => p.id)).toEqual(fakeProducts.map((p) => p.id));
    expect(dashboard.products?.meta?.updatedAt).toBeDefined();
    expect(dashboard.invoices?.meta?.status).toBe(SectionStatus.OK);
    expect(dashboard.invoices?.invoices).toHaveLength(1);
    expect(dashboard.payments?.meta?.status).toBe(SectionStatus.OK);
    expect(dashboard.payments?.meta?.updatedAt).toBeDefined();
    expect(dashboard.payments?.stats).toMatchObject({
      deadLetterCount: 1n,
      retryTopics: [{ topic: 'payments.retry.5s', depth: 2n }],
      breakers: [{ name: 'payment', state: BreakerState.CLOSED }, { name: 'database' }],
    });
    // Isolation: notifications keep their data (ok, or stale if a loaded machine made them slow).
    expect(dashboard.notifications?.meta?.status).not.toBe(SectionStatus.UNAVAILABLE);
    expect(dashboard.notifications?.stats).toBeDefined();
    expect(dashboard.notifications?.stats?.statusCounts).toEqual([
      expect.objectContaining({ count: 4n }),
    ]);
  });

  it('a healthy source is never reported stale after the fresh window', async () => {
    await client.getDashboard({});
    // The fresh window passing is what is tested: a healthy source answers ok after it, not stale.
    await sleep(freshMs + 20);
    const dashboard = await client.getDashboard({});
    expect(dashboard.products?.meta?.status).toBe(SectionStatus.OK);
  });

  it('all up: health overall healthy, services, databases, Kafka and breakers listed', async () => {
    await client.getDashboard({}); // creates breaker traffic
    const { report } = await client.getHealth({});
    expect(report?.overall).toBe(OverallStatus.HEALTHY);
    expect(report?.dependencies.map((d) => d.name)).toEqual([
      'catalog',
      'invoice',
      'notification',
      'payment',
      'catalog.database',
      'invoice.database',
      'notification.database',
      'payment.database',
      'kafka',
      'breaker:catalog',
      'breaker:email',
      'breaker:invoice',
      'breaker:notification_service',
      'breaker:payment',
      'breaker:payment_service',
    ]);
    expect(report?.dependencies[0]?.breakerState).toBe(BreakerState.CLOSED);
    expect(report?.dependencies.find((d) => d.name === 'kafka')).toMatchObject({
      kind: DependencyKind.KAFKA,
      status: DependencyStatus.HEALTHY,
    });
    expect(report?.dependencies.find((d) => d.name === 'breaker:payment')).toMatchObject({
      kind: DependencyKind.BREAKER,
      status: DependencyStatus.HEALTHY,
      breakerState: BreakerState.CLOSED,
    });
  });

  it("the payment provider's breaker OPEN → breaker:payment degraded with its state", async () => {
    rig.stats.paymentBreaker = BreakerState.OPEN;
    rig.stats.emailBreaker = BreakerState.HALF_OPEN;
    // Past the stats copy's fresh window the next report carries the new states (polled: CI may be slow).
    const report = await eventually(async () => {
      const { report: current } = await client.getHealth({});
      const states = current?.dependencies.map((d) => d.breakerState);
      return states?.includes(BreakerState.OPEN) && states.includes(BreakerState.HALF_OPEN)
        ? current
        : undefined;
    });
    expect(report?.overall).toBe(OverallStatus.DEGRADED);
    expect(report?.dependencies.find((d) => d.name === 'breaker:payment')).toMatchObject({
      status: DependencyStatus.DEGRADED,
      breakerState: BreakerState.OPEN,
      detail: 'payment provider breaker open',
    });
    expect(report?.dependencies.find((d) => d.name === 'breaker:email')).toMatchObject({
      status: DependencyStatus.DEGRADED,
      breakerState: BreakerState.HALF_OPEN,
    });
  });

  it('payment killed: service unavailable, its provider breaker unknown, payments section stale', async () => {
    await client.getDashboard({});
    await rig.payment.shutdown();
    // Ok until the fresh window ends and the refresh fails; then it must be stale (not unavailable).
    const dashboard = await dashboardLeaving(client, 'payments', SectionStatus.OK);
    expect(dashboard.payments?.meta?.status).toBe(SectionStatus.STALE);
    expect(dashboard.payments?.stats?.deadLetterCount).toBe(1n);
    // Isolation: notifications keep their data (ok, or stale if a loaded machine made them slow).
    expect(dashboard.notifications?.meta?.status).not.toBe(SectionStatus.UNAVAILABLE);
    expect(dashboard.notifications?.stats).toBeDefined();
    const { report } = await client.getHealth({});
    expect(report?.overall).toBe(OverallStatus.DEGRADED);
    expect(report?.dependencies.find((d) => d.name === 'payment')).toMatchObject({
      status: DependencyStatus.UNAVAILABLE,
      detail: 'payment unreachable',
    });
    const breaker = report?.dependencies.find((d) => d.name === 'breaker:payment');
    expect(breaker).toMatchObject({
      status: DependencyStatus.DEGRADED,
      breakerState: BreakerState.UNSPECIFIED,
    });
    expect(breaker?.detail).toMatch(/^unknown: payment /);
  });

  it('catalog killed: products stale within the stale window, then unavailable; invoices still ok', async () => {
    const first = await client.getDashboard({});
    const fetchedAt = first.products?.meta?.updatedAt;
    await catalog.shutdown();

    const stale = await dashboardLeaving(client, 'products', SectionStatus.OK);
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

    // Stale until the stale window (from the last fetch) ends; then unavailable.
    const gone = await dashboardLeaving(client, 'products', SectionStatus.STALE, staleMs + 5000);
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

describe('aggregator with Kafka unreachable', () => {
  let rig: Rig;
  beforeAll(async () => (rig = await startRig(deadKafka)));
  afterAll(() => rig.close());

  it('reports kafka unavailable and the system degraded', async () => {
    const { report } = await rig.client.getHealth({});
    expect(report?.overall).toBe(OverallStatus.DEGRADED);
    expect(report?.dependencies.find((d) => d.name === 'kafka')).toMatchObject({
      kind: DependencyKind.KAFKA,
      status: DependencyStatus.UNAVAILABLE,
      detail: 'kafka unreachable',
    });
  });
});
