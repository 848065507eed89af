import { defineConfig, grpcAddress, milliseconds, storeServiceEnvShape } from '@gaara/config';
import { localGrpcAddress } from '@gaara/topology';
import { PEER_BREAKER_OPEN_MS } from '@gaara/resilience';

/** Environment of the invoice service; every variable has a local default. */
export const invoiceConfigSchema = defineConfig({
  ...storeServiceEnvShape('invoice'),
  /** host:port of the catalog's gRPC server. */
  GAARA_CATALOG_ADDR: grpcAddress().default(localGrpcAddress('catalog')),
  /** How long the catalog breaker stays open, in milliseconds (the peers' 60 s by default). */
  GAARA_BREAKER_OPEN_MS: milliseconds().default(PEER_BREAKER_OPEN_MS),
});
