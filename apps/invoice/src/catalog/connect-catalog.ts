import { catalogV1 } from '@gaara/contracts';
import { createClient } from '@gaara/grpc';
import { createPolicy, type PolicyDeps } from '@gaara/resilience';
import { GrpcProductCatalog } from './grpc-product-catalog';

/** The catalog over gRPC through the `catalog` policy, and how to release its channel and breaker. */
export interface CatalogConnection {
  readonly catalog: GrpcProductCatalog;
  stop(): void;
}

/** Connects (lazily) to the catalog at `address` (`host:port`). */
export function connectCatalog(address: string, deps: PolicyDeps): CatalogConnection {
  const client = createClient(catalogV1.CatalogService, address);
  const policy = createPolicy('catalog', undefined, deps);
  return {
    catalog: new GrpcProductCatalog(client, policy),
    stop: () => {
      client.close();
      policy.dispose();
    },
  };
}
