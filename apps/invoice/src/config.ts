import {
  defineConfig,
  milliseconds,
  port,
  positiveInt,
  serviceEnvShape,
  string,
  url,
} from '@gaara/config';

/** Environment of the invoice service; every variable has a local default. */
export const invoiceConfigSchema = defineConfig({
  ...serviceEnvShape({ serviceName: 'invoice', metricsPort: 9462 }),
  /** Interface the gRPC server binds; 0.0.0.0 in containers. */
  GAARA_GRPC_HOST: string().default('127.0.0.1'),
  GAARA_GRPC_PORT: port().default(50052),
  GAARA_PG_URL: url(['postgres', 'postgresql']).default(
    'postgres://gaara:gaara@127.0.0.1:5432/gaara',
  ),
  /** PostgreSQL schema holding the invoices. */
  GAARA_PG_SCHEMA: string().default('invoice'),
  /** Pool size cap (spec: 10 + 20 overflow). */
  GAARA_PG_POOL_MAX: positiveInt().default(30),
  /** Time between database health probes. */
  GAARA_DB_HEALTH_INTERVAL_MS: milliseconds().default(1000),
  /** host:port of the catalog's gRPC server. */
  GAARA_CATALOG_ADDR: string().default('127.0.0.1:50051'),
});
