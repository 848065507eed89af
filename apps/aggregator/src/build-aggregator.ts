import { aggregatorV1, catalogV1, healthV1, invoiceV1 } from '@gaara/contracts';
import { createClient, type ServiceImplementation } from '@gaara/grpc';
import { GrpcHealthChecker, healthCheckPolicy } from '@gaara/health';
import {
  createPolicy,
  type BreakerRegistry,
  type PolicyOverrides,
  type ResilienceLogger,
} from '@gaara/resilience';
import { aggregatorService } from './aggregator-service';
import { SectionSource } from './dashboard/section-source';
import { HealthView } from './health/health-view';
import type { WatchTiming } from './health/watch-health';

/** Everything the aggregator needs besides its server. */
export interface AggregatorOptions {
  readonly catalogAddress: string;
  readonly invoiceAddress: string;
  /** Layered over the 'catalog' and 'invoice' presets (e.g. shorter timeouts, open duration). */
  readonly policy: PolicyOverrides;
  readonly section: {
    readonly freshMs: number;
    readonly staleMs: number;
    readonly revalidateWaitMs: number;
  };
  readonly healthCheckTimeoutMs: number;
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
};

export function buildAggregator(options: AggregatorOptions): Aggregator {
  const deps = { registry: options.registry, logger: options.logger };
  const catalogPolicy = createPolicy('catalog', options.policy, deps);
  const invoicePolicy = createPolicy('invoice', options.policy, deps);
  const catalog = createClient(catalogV1.CatalogService, options.catalogAddress);
  const invoice = createClient(invoiceV1.InvoiceService, options.invoiceAddress);
  const catalogHealth = createClient(healthV1.Health, options.catalogAddress);
  const invoiceHealth = createClient(healthV1.Health, options.invoiceAddress);

  const health = new HealthView(
    [
      {
        breaker: 'catalog',
        checker: new GrpcHealthChecker({
          name: 'catalog',
          client: catalogHealth,
          policy: healthCheckPolicy('catalog', options.healthCheckTimeoutMs, deps),
          services: healthNames.catalog,
        }),
      },
      {
        breaker: 'invoice',
        checker: new GrpcHealthChecker({
          name: 'invoice',
          client: invoiceHealth,
          policy: healthCheckPolicy('invoice', options.healthCheckTimeoutMs, deps),
          services: healthNames.invoice,
        }),
      },
    ],
    options.registry,
  );
  const dashboard = {
    catalog,
    invoice,
    products: new SectionSource<catalogV1.Product[]>({
      name: 'catalog',
      policy: catalogPolicy,
      ...options.section,
    }),
    invoices: new SectionSource<invoiceV1.Invoice[]>({
      name: 'invoice',
      policy: invoicePolicy,
      ...options.section,
    }),
  };
  return {
    implementation: aggregatorService(dashboard, health, options.watch),
    close: () => {
      for (const client of [catalog, invoice, catalogHealth, invoiceHealth]) client.close();
      catalogPolicy.dispose();
      invoicePolicy.dispose();
    },
  };
}
