import { databaseEnvShape, defineConfig, grpcServerEnvShape, serviceEnvShape } from '@gaara/config';

/** Environment of the catalog service; every variable has a local default. */
export const catalogConfigSchema = defineConfig({
  ...serviceEnvShape({ serviceName: 'catalog', metricsPort: 9461 }),
  ...grpcServerEnvShape({ port: 50051 }),
  ...databaseEnvShape({ schema: 'catalog' }),
});
