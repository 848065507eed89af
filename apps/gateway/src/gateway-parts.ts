import { aggregatorV1, breakerAdminV1, catalogV1, invoiceV1, paymentV1 } from '@gaara/contracts';
import { createClient } from '@gaara/grpc';
import { createMessagingClient } from '@gaara/messaging';
import {
  createPeerPolicy,
  type BreakerRegistry,
  type PolicyOverrides,
  type ResilienceLogger,
} from '@gaara/resilience';
import type { MetricsRequestHandler } from '@gaara/telemetry';
import { createExternalApiPolicy } from './policies/external-api-policy';
import { BreakerBoard } from './admin/breaker-board';
import { DeadLetterDesk } from './admin/dead-letter-desk';
import { paymentReplayAdmission } from './admin/payment-replay-admission';
import { queueTopologies, type QueueDelays } from './admin/dead-letter-queues';
import { kafkaLogger } from './admin/kafka-logger';
import type { GatewayParts } from './build-gateway';
import { ConsoleAssets } from './console/console-assets';
import { UpstreamProxy } from './console/upstream-proxy';
import { DashboardCache } from './dashboard/dashboard-cache';
import { ExternalDataSource } from './external/external-data-source';
import { GatewayHealth } from './health/gateway-health';
import { gatewayHealthPolicy } from './health/health-policy';
import { CustomerTokens } from './invoices/customer-tokens';
import { InvoiceDesk } from './invoices/invoice-desk';
import { InvoiceRecharges } from './invoices/invoice-recharges';
import { dashboardJson } from './json/dashboard-json';
import { OrderDesk, type OrderLimits } from './orders/order-desk';
import { PaymentDesk } from './payments/payment-desk';
import { ProductCatalog, type ProductCacheOptions } from './products/product-catalog';

/** Addresses, tunables and collaborators of the gateway. */
export interface GatewayOptions {
  readonly catalogAddress: string;
  readonly invoiceAddress: string;
  readonly aggregatorAddress: string;
  readonly paymentAddress: string;
  /** Notification's gRPC address: the gateway only reaches its BreakerAdminService; none leaves it off the board. */
  readonly notificationAddress?: string;
  /** Where the admin routes find the dead letters. */
  readonly kafka: {
    readonly brokers: readonly string[];
    /** Prepended to every topic name; '' in production. */
    readonly topicPrefix: string;
    readonly retryDelays: QueueDelays;
  };
  /** Bearer token of the /admin routes; '' disables them. */
  readonly adminToken: string;
  /** Key of the customers' invoice tokens (HMAC-SHA256 of the customer id); must not be ''. */
  readonly customerTokenSecret: string;
  readonly externalApi: { readonly url: string; readonly token: string };
  /** Layered over the presets of 'catalog', 'invoice', 'payment_service' and 'aggregator' (gRPC). */
  readonly servicePolicy: PolicyOverrides;
  /** Per-attempt timeout of Charge, in milliseconds: it spans the payment's own provider attempt (≤ 5 s); defaults to the service policy's. */
  readonly paymentCallTimeoutMs?: number;
  /** How long placing one order may take, and how many are placed at once (OrderDesk's defaults: 750 ms, 32). */
  readonly orderLimits?: OrderLimits;
  /** Layered over the 'external_api' preset (spec: 50 % / 60 s, 5 s timeout, 3 attempts). */
  readonly externalPolicy: PolicyOverrides;
  readonly dashboard: { readonly freshMs: number; readonly staleMs: number };
  readonly productCache: ProductCacheOptions;
  readonly bodyLimitBytes: number;
  readonly registry: BreakerRegistry;
  readonly logger: ResilienceLogger;
  readonly metrics: MetricsRequestHandler;
  readonly fetch?: typeof fetch;
  /** The console's monitoring upstreams; default to the stack's Prometheus (:9090) and Jaeger query API (:16686). */
  readonly console?: {
    readonly prometheusUrl: string;
    readonly jaegerQueryUrl: string;
    /** Where the console's bundle is; defaults to the gateway build's dist/console-web. */
    readonly assetsDir?: string;
  };
}

/** The gateway's parts plus what to close once the HTTP server stopped. */
export interface WiredGateway {
  readonly parts: GatewayParts;
  /** Closes the gRPC clients and disposes the policies: calls still running fail at once. */
  close(): void;
  /** Disconnects from Kafka (the lazily connected publisher); never rejects. */
  disconnect(): Promise<void>;
}

/** Creates clients, one policy per dependency, and the parts the routes are served from. */
export function wireGateway(options: GatewayOptions): WiredGateway {
  const deps = { registry: options.registry, logger: options.logger };
  const policies = {
    catalog: createPeerPolicy('catalog', options.servicePolicy, deps),
    invoice: createPeerPolicy('invoice', options.servicePolicy, deps),
    payment: createPeerPolicy(
      'payment_service',
      {
        ...options.servicePolicy,
        timeoutMs: options.paymentCallTimeoutMs ?? options.servicePolicy.timeoutMs,
      },
      deps,
    ),
    aggregator: createPeerPolicy('aggregator', options.servicePolicy, deps),
    // Not the service policy: /health must answer within 1 s, so one attempt and no retries.
    aggregatorHealth: gatewayHealthPolicy(deps),
    external: createExternalApiPolicy(options.externalPolicy, deps),
  };
  const catalog = createClient(catalogV1.CatalogService, options.catalogAddress);
  const invoice = createClient(invoiceV1.InvoiceService, options.invoiceAddress);
  const aggregator = createClient(aggregatorV1.AggregatorService, options.aggregatorAddress);
  const payment = createClient(paymentV1.PaymentService, options.paymentAddress);
  const deadLetters = new DeadLetterDesk({
    // Creating the client connects nothing; the admin routes connect on first use.
    client: createMessagingClient({
      brokers: options.kafka.brokers,
      clientId: 'gateway',
      logger: kafkaLogger(options.logger),
    }),
    topologies: queueTopologies(options.kafka.retryDelays, options.kafka.topicPrefix),
    admissions: {
      payments: paymentReplayAdmission({
        payment,
        paymentPolicy: policies.payment,
        catalog,
        catalogPolicy: policies.catalog,
      }),
    },
  });
  const invoices = new InvoiceDesk(
    invoice,
    policies.invoice,
    new InvoiceRecharges({
      invoice,
      invoicePolicy: policies.invoice,
      catalog,
      catalogPolicy: policies.catalog,
      payment,
      paymentPolicy: policies.payment,
    }),
  );
  const breakerAdmins = {
    catalog: options.catalogAddress,
    invoice: options.invoiceAddress,
    payment: options.paymentAddress,
    notification: options.notificationAddress,
    aggregator: options.aggregatorAddress,
  };
  const adminClients = Object.fromEntries(
    Object.entries(breakerAdmins).flatMap(([process, address]) =>
      address === undefined
        ? []
        : [[process, createClient(breakerAdminV1.BreakerAdminService, address)] as const],
    ),
  );
  const breakers = new BreakerBoard({
    registry: options.registry,
    processes: adminClients,
    logger: options.logger,
  });
  const consoleUpstreams = options.console ?? {
    prometheusUrl: 'http://127.0.0.1:9090',
    jaegerQueryUrl: 'http://127.0.0.1:16686',
  };

  const dashboard = new DashboardCache({
    ...options.dashboard,
    load: async () =>
      dashboardJson(
        await policies.aggregator.execute(({ signal, timeoutMs }) =>
          aggregator.getDashboard({}, { signal, deadlineMs: timeoutMs }),
        ),
      ),
    onRefreshFailed: (error) =>
      options.logger.warn({ err: error }, 'dashboard refresh failed; serving last copy'),
  });
  const parts: GatewayParts = {
    products: new ProductCatalog(catalog, policies.catalog, options.productCache),
    invoices,
    orders: new OrderDesk(
      invoices,
      new PaymentDesk(payment, policies.payment),
      options.orderLimits,
    ),
    deadLetters,
    adminToken: options.adminToken,
    customerTokens: new CustomerTokens(options.customerTokenSecret),
    breakers,
    console: {
      breakers,
      assets: new ConsoleAssets(consoleUpstreams.assetsDir),
      prometheus: new UpstreamProxy({
        dependency: 'prometheus',
        baseUrl: consoleUpstreams.prometheusUrl,
      }),
      jaeger: new UpstreamProxy({ dependency: 'jaeger', baseUrl: consoleUpstreams.jaegerQueryUrl }),
    },
    dashboard,
    health: new GatewayHealth(aggregator, policies.aggregatorHealth, options.registry),
    external: new ExternalDataSource({
      ...options.externalApi,
      policy: policies.external,
      fetch: options.fetch,
    }),
    metrics: options.metrics,
    logger: options.logger,
    bodyLimitBytes: options.bodyLimitBytes,
  };
  return {
    parts,
    close: () => {
      for (const client of [catalog, invoice, aggregator, payment]) client.close();
      for (const client of Object.values(adminClients)) client.close();
      for (const policy of Object.values(policies)) policy.dispose();
    },
    disconnect: () => deadLetters.close(),
  };
}
