import {
  type aggregatorV1,
  catalogV1,
  healthV1,
  invoiceV1,
  notificationV1,
  paymentV1,
} from '@gaara/contracts';
import { createClient, type ServiceImplementation } from '@gaara/grpc';
import { GrpcHealthChecker, healthCheckPolicy } from '@gaara/health';
import { createMessagingClient, isKafkaReachable } from '@gaara/messaging';
import {
  createPeerPolicy,
  type BreakerRegistry,
  type PolicyOverrides,
  type ResilienceLogger,
} from '@gaara/resilience';
import { aggregatorService } from './aggregator-service';
import type { CatalogView } from './dashboard/dashboard';
import { SectionSource } from './dashboard/section-source';
import { readNotificationStats, readPaymentStats } from './dashboard/stats-readers';
import { HealthView } from './health/health-view';
import { KAFKA_CHECK_ABANDON_MS, KafkaProbe } from './health/kafka-probe';
import { ProviderBreakerProbe } from './health/provider-breaker-probe';
import type { WatchTiming } from './health/watch-health';

/** Everything the aggregator needs besides its server. */
export interface AggregatorOptions {
  readonly catalogAddress: string;
  readonly invoiceAddress: string;
  readonly paymentAddress: string;
  readonly notificationAddress: string;
  /** Kafka bootstrap brokers; the health view reports whether they answer. */
  readonly kafkaBrokers: readonly string[];
  /** Layered over the 'catalog', 'invoice', 'payment_service' and 'notification_service' presets. */
  readonly policy: PolicyOverrides;
  readonly section: {
    readonly freshMs: number;
    readonly staleMs: number;
    readonly revalidateWaitMs: number;
  };
  /** Budget of one grpc health check, in milliseconds. */
  readonly healthCheckTimeoutMs: number;
  /** How long a broker has to answer the health view's Kafka check (a fresh connection plus a metadata call), in ms. */
  readonly kafkaCheckTimeoutMs: number;
  /** How long GetHealth waits for any one check, in milliseconds; defaults to 600 (the gateway waits 800). */
  readonly healthReportBudgetMs?: number;
  readonly watch: WatchTiming;
  /** Registry the breakers join and the health view reads. */
  readonly registry: BreakerRegistry;
  readonly logger: ResilienceLogger;
}

/** The AggregatorService implementation and what to close after the server stopped. */
export interface Aggregator {
  readonly implementation: ServiceImplementation<typeof aggregatorV1.AggregatorService>;
  close(): void;
}

/** Name of each service's own grpc.health.v1 entry, flipped to NOT_SERVING while its database is down. */
const healthNames = {
  catalog: ['', catalogV1.CatalogService.typeName],
  invoice: ['', invoiceV1.InvoiceService.typeName],
  payment: ['', paymentV1.PaymentService.typeName],
  notification: ['', notificationV1.NotificationService.typeName],
};

type CheckedName = keyof typeof healthNames;

export function buildAggregator(options: AggregatorOptions): Aggregator {
  const deps = { registry: options.registry, logger: options.logger };
  const policies = {
    catalog: createPeerPolicy('catalog', options.policy, deps),
    invoice: createPeerPolicy('invoice', options.policy, deps),
    payment: createPeerPolicy('payment_service', options.policy, deps),
    notification: createPeerPolicy('notification_service', options.policy, deps),
  };
  const catalog = createClient(catalogV1.CatalogService, options.catalogAddress);
  const invoice = createClient(invoiceV1.InvoiceService, options.invoiceAddress);
  const payment = createClient(paymentV1.PaymentService, options.paymentAddress);
  const notification = createClient(
    notificationV1.NotificationService,
    options.notificationAddress,
  );
  const addresses: Readonly<Record<CheckedName, string>> = {
    catalog: options.catalogAddress,
    invoice: options.invoiceAddress,
    payment: options.paymentAddress,
    notification: options.notificationAddress,
  };
  const healthClients = (Object.keys(addresses) as CheckedName[]).map((name) => ({
    name,
    client: createClient(healthV1.Health, addresses[name]),
  }));
  const breakerOf: Readonly<Record<CheckedName, string>> = {
    catalog: 'catalog',
    invoice: 'invoice',
    payment: 'payment_service',
    notification: 'notification_service',
  };

  const dashboard = {
    catalog,
    invoice,
    products: new SectionSource<CatalogView>({
      name: 'catalog',
      policy: policies.catalog,
      ...options.section,
    }),
    invoices: new SectionSource<invoiceV1.Invoice[]>({
      name: 'invoice',
      policy: policies.invoice,
      ...options.section,
    }),
    payments: {
      client: payment,
      source: new SectionSource<paymentV1.PaymentStats>({
        name: 'payment',
        policy: policies.payment,
        ...options.section,
      }),
    },
    notifications: {
      client: notification,
      source: new SectionSource<notificationV1.NotificationStats>({
        name: 'notification',
        policy: policies.notification,
        ...options.section,
      }),
    },
  };
  const kafka = createMessagingClient({ brokers: options.kafkaBrokers, clientId: 'aggregator' });
  const health = new HealthView(
    healthClients.map(({ name, client }) => ({
      breaker: breakerOf[name],
      checker: new GrpcHealthChecker({
        name,
        client,
        policy: healthCheckPolicy(name, options.healthCheckTimeoutMs, deps),
        services: healthNames[name],
      }),
    })),
    options.registry,
    [
      new KafkaProbe({
        reachable: () => isKafkaReachable(kafka, KAFKA_CHECK_ABANDON_MS),
        timeoutMs: options.kafkaCheckTimeoutMs,
      }),
      new ProviderBreakerProbe({
        breaker: 'payment',
        service: 'payment',
        readStats: () => readPaymentStats(dashboard.payments),
      }),
      new ProviderBreakerProbe({
        breaker: 'email',
        service: 'notification',
        readStats: () => readNotificationStats(dashboard.notifications),
      }),
    ],
    { budgetMs: options.healthReportBudgetMs },
  );
  return {
    implementation: aggregatorService(dashboard, health, options.watch),
    close: () => {
      for (const client of [catalog, invoice, payment, notification]) client.close();
      for (const { client } of healthClients) client.close();
      for (const policy of Object.values(policies)) policy.dispose();
    },
  };
}
