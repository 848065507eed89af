import { defineConfig, grpcAddress, storeServiceEnvShape } from '@gaara/config';
import { localGrpcAddress } from '@gaara/topology';

/** Environment of the invoice service; every variable has a local default. */
export const invoiceConfigSchema = defineConfig({
  ...storeServiceEnvShape('invoice'),
  /** host:port of the catalog's gRPC server. */
  GAARA_CATALOG_ADDR: grpcAddress().default(localGrpcAddress('catalog')),
});
