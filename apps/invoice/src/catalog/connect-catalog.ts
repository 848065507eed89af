import { catalogV1 } from '@gaara/contracts';
import { createClient } from '@gaara/grpc';
import { createPeerPolicy, type PolicyDeps } from '@gaara/resilience';
import { GrpcProductCatalog } from './grpc-product-catalog';

/** The catalog over gRPC through the `catalog` policy, and how to release its channel and breaker. */
export interface CatalogConnection {
  readonly catalog: GrpcProductCatalog;
  stop(): void;
}

/**
 * Connects (lazily) to the catalog at `address` (`host:port`) through the peers' policy; `breakerOpenMs` is how
 * long its breaker stays open, in milliseconds (defaults to the peers' 60 s).
 */
export function connectCatalog(
  address: string,
  deps: PolicyDeps,
  breakerOpenMs?: number,
): CatalogConnection {
  const client = createClient(catalogV1.CatalogService, address);
  const breaker = breakerOpenMs === undefined ? {} : { breaker: { openMs: breakerOpenMs } };
  const policy = createPeerPolicy('catalog', breaker, deps);
  return {
    catalog: new GrpcProductCatalog(client, policy),
    stop: () => {
      client.close();
      policy.dispose();
    },
  };
}
