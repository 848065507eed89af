import { aggregatorV1 } from '@gaara/contracts';
import type { GrpcServer } from '@gaara/grpc';
import { BreakerRegistry, silentLogger, type PolicyOverrides } from '@gaara/resilience';
import { startSandbox, type RunningSandbox } from '@gaara/sandbox';
import type { FastifyInstance } from 'fastify';
import { buildGateway } from '../build-gateway';
import { wireGateway, type WiredGateway } from '../gateway-parts';
import {
  startFakeAggregator,
  startFakeCatalog,
  startFakeInvoice,
  type FakeAggregatorState,
  type FakeControl,
} from './fake-backends';

/** A gateway wired to fake gRPC backends and a real in-process sandbox, all on ephemeral ports. */
export interface GatewayHarness {
  readonly app: FastifyInstance;
  readonly catalog: FakeControl;
  readonly catalogServer: GrpcServer;
  readonly invoice: FakeControl;
  readonly aggregator: FakeAggregatorState;
  readonly sandbox: RunningSandbox;
  readonly registry: BreakerRegistry;
  readonly errors: unknown[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly servicePolicy?: PolicyOverrides;
  readonly externalPolicy?: PolicyOverrides;
  readonly dashboard?: { readonly freshMs: number; readonly staleMs: number };
}

const quickRetries = { initialDelayMs: 5, maxDelayMs: 10 };

export async function startGatewayHarness(options: HarnessOptions = {}): Promise<GatewayHarness> {
  const catalog: FakeControl = { mode: 'up', calls: 0 };
  const invoice: FakeControl = { mode: 'up', calls: 0 };
  const aggregator: FakeAggregatorState = {
    control: { mode: 'up', calls: 0 },
    productsStatus: aggregatorV1.SectionStatus.OK,
    healthy: true,
  };
  const servers = await Promise.all([
    startFakeCatalog(catalog),
    startFakeInvoice(invoice),
    startFakeAggregator(aggregator),
  ]);
  const [catalogServer, invoiceServer, aggregatorServer] = servers;
  const sandbox = await startSandbox();
  const registry = new BreakerRegistry();
  const errors: unknown[] = [];
  const wired: WiredGateway = wireGateway({
    catalogAddress: `127.0.0.1:${catalogServer.port}`,
    invoiceAddress: `127.0.0.1:${invoiceServer.port}`,
    aggregatorAddress: `127.0.0.1:${aggregatorServer.port}`,
    externalApi: { url: `${sandbox.providers.external.url}/external/data`, token: 'sandbox-token' },
    servicePolicy: { timeoutMs: 200, retry: quickRetries, ...options.servicePolicy },
    externalPolicy: {
      timeoutMs: 100,
      retry: quickRetries,
      breaker: { minimumCalls: 1000 },
      ...options.externalPolicy,
    },
    dashboard: options.dashboard ?? { freshMs: 1000, staleMs: 60_000 },
    productCache: { maxEntries: 100, ttlMs: 60_000 },
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
    aggregator,
    sandbox,
    registry,
    errors,
    close: async () => {
      await app.close();
      wired.close();
      await Promise.all(servers.map((server) => server.shutdown()));
      await sandbox.close();
    },
  };
}
