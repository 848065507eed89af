import {
  kafkaEnvShape,
  databaseEnvShape,
  defineConfig,
  grpcAddress,
  grpcServerEnvShape,
  serviceEnvShape,
} from '@gaara/config';

/** Environment of the invoice service; every variable has a local default. */
export const invoiceConfigSchema = defineConfig({
  ...serviceEnvShape({ serviceName: 'invoice', metricsPort: 9462 }),
  ...grpcServerEnvShape({ port: 50052 }),
  ...databaseEnvShape({ schema: 'invoice' }),
  /** host:port of the catalog's gRPC server. */
  GAARA_CATALOG_ADDR: grpcAddress().default('127.0.0.1:50051'),
  ...kafkaEnvShape(),
});
