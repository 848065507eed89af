import { aggregatorV1 } from '@gaara/contracts';
import type { GrpcServer } from '@gaara/grpc';
import { BreakerRegistry, silentLogger, type PolicyOverrides } from '@gaara/resilience';
import { startSandbox, type RunningSandbox } from '@gaara/sandbox';
import type { FastifyInstance } from 'fastify';
import { buildGateway } from '../build-gateway';
import { wireGateway, type WiredGateway } from '../gateway-parts';
import type { OrderLimits } from '../orders/order-desk';
import {
  startFakeAggregator,
  startFakeCatalog,
  startFakeInvoice,
  startFakePayment,
  type FakeAggregatorState,
  type FakeControl,
  type FakePaymentState,
} from './fake-backends';

/**
 * A gateway wired to fake gRPC backends and a real in-process sandbox, all on ephemeral ports, and to the
 * stack's real Kafka under a unique topic prefix (the admin routes).
 */
export interface GatewayHarness {
  readonly app: FastifyInstance;
  readonly catalog: FakeControl;
  readonly catalogServer: GrpcServer;
  readonly invoice: FakeControl;
  readonly payment: FakePaymentState;
  readonly paymentServer: GrpcServer;
  readonly aggregator: FakeAggregatorState;
  readonly sandbox: RunningSandbox;
  readonly registry: BreakerRegistry;
  readonly errors: unknown[];
  /** Topic prefix of this harness's Kafka topics: unique, so runs never see each other's dead letters. */
  readonly topicPrefix: string;
  readonly kafkaBrokers: readonly string[];
  readonly adminToken: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly servicePolicy?: PolicyOverrides;
  readonly externalPolicy?: PolicyOverrides;
  /** The order desk's deadline and concurrency; default to the gateway's. */
  readonly orderLimits?: OrderLimits;
  readonly dashboard?: { readonly freshMs: number; readonly staleMs: number };
  /** Admin bearer token; defaults to a test token, '' disables admin. */
  readonly adminToken?: string;
  /** Defaults to GAARA_KAFKA_BROKERS or the stack's 127.0.0.1:9092. */
  readonly kafkaBrokers?: readonly string[];
  /** Defaults to a prefix unique to this harness. */
  readonly topicPrefix?: string;
}

/** The stack's broker, unless the environment names another. */
export const stackKafkaBrokers: readonly string[] = (
  process.env['GAARA_KAFKA_BROKERS'] ?? '127.0.0.1:9092'
).split(',');

/** Short retry tiers, so topic names stay readable; the gateway only names topics with them. */
export const testRetryDelays = { payments: '1s,2s', notifications: '1s,2s' };

/** The harness gateway's admin token unless a test names another. */
export const testAdminToken = 'test-admin-token-0123456789';

/** The harness gateway's customer token secret: tests issue tokens with it (new CustomerTokens(...)). */
export const testCustomerTokenSecret = 'test-customer-token-secret';

let harnesses = 0;

const quickRetries = { initialDelayMs: 5, maxDelayMs: 10 };

export async function startGatewayHarness(options: HarnessOptions = {}): Promise<GatewayHarness> {
  const catalog: FakeControl = { mode: 'up', calls: 0 };
  const invoice: FakeControl = { mode: 'up', calls: 0 };
  const payment: FakePaymentState = {
    control: { mode: 'up', calls: 0 },
    requests: [],
    payments: new Map(),
  };
  const aggregator: FakeAggregatorState = {
    control: { mode: 'up', calls: 0 },
    productsStatus: aggregatorV1.SectionStatus.OK,
    healthy: true,
  };
  const servers = await Promise.all([
    startFakeCatalog(catalog),
    startFakeInvoice(invoice),
    startFakeAggregator(aggregator),
    startFakePayment(payment),
  ]);
  const [catalogServer, invoiceServer, aggregatorServer, paymentServer] = servers;
  harnesses += 1;
  const topicPrefix =
    options.topicPrefix ?? `gw${process.pid}x${Date.now().toString(36)}x${harnesses}.`;
  const kafkaBrokers = options.kafkaBrokers ?? stackKafkaBrokers;
  const adminToken = options.adminToken ?? testAdminToken;
  const sandbox = await startSandbox();
  const registry = new BreakerRegistry();
  const errors: unknown[] = [];
  const wired: WiredGateway = wireGateway({
    catalogAddress: `127.0.0.1:${catalogServer.port}`,
    invoiceAddress: `127.0.0.1:${invoiceServer.port}`,
    aggregatorAddress: `127.0.0.1:${aggregatorServer.port}`,
    paymentAddress: `127.0.0.1:${paymentServer.port}`,
    kafka: { brokers: kafkaBrokers, topicPrefix, retryDelays: testRetryDelays },
    adminToken,
    customerTokenSecret: testCustomerTokenSecret,
    externalApi: { url: `${sandbox.providers.external.url}/external/data`, token: 'sandbox-token' },
    servicePolicy: { timeoutMs: 200, retry: quickRetries, ...options.servicePolicy },
    orderLimits: options.orderLimits,
    externalPolicy: {
      timeoutMs: 100,
      retry: quickRetries,
      breaker: { minimumCalls: 1000 },
      ...options.externalPolicy,
    },
    dashboard: options.dashboard ?? { freshMs: 1000, staleMs: 60_000 },
    productCache: { maxEntries: 100, ttlMs: 60_000, freshMs: 0 },
    bodyLimitBytes: 65_536,
    registry,
    logger: { ...silentLogger, error: (obj: object) => void errors.push(obj) },
    metrics: (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/plain' }).end('# metrics\n'),
  });
  const app = buildGateway(wired.parts);
  await app.ready();
  return {
    app,
    catalog,
    catalogServer,
    invoice,
    payment,
    paymentServer,
    aggregator,
    sandbox,
    registry,
    errors,
    topicPrefix,
    kafkaBrokers,
    adminToken,
    close: async () => {
      await app.close();
      wired.close();
      await wired.disconnect();
      await Promise.all(servers.map((server) => server.shutdown()));
      await sandbox.close();
    },
  };
}
