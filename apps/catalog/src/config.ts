import { databaseEnvShape, defineConfig, grpcServerEnvShape, serviceEnvShape } from '@gaara/config';
import { DEFAULT_PORTS } from '@gaara/topology';

/** Environment of the catalog service; every variable has a local default. */
export const catalogConfigSchema = defineConfig({
  ...serviceEnvShape({ serviceName: 'catalog', metricsPort: DEFAULT_PORTS.catalog.metrics }),
  ...grpcServerEnvShape({ port: DEFAULT_PORTS.catalog.grpc }),
  ...databaseEnvShape({ schema: 'catalog' }),
});
