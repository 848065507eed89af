// Public API of @gaara/db: the PostgreSQL pool, migrations, transient-error retry and health probe.
export type { Knex } from 'knex';
export { createDatabase } from './create-database';
export {
  openServiceDatabase,
  type ServiceDatabaseConfig,
  type ServiceDatabaseLogger,
} from './open-service-database';
export {
  POOL_DEFAULTS,
  type DatabaseLogger,
  type DatabaseOptions,
  type PoolOptions,
} from './database-options';
export {
  ConnectionCheck,
  type ConnectionCheckOptions,
  type PingableConnection,
} from './connection-check';
export { DatabaseError, type DatabaseErrorCode } from './database-error';
export {
  isTransientDatabaseError,
  TRANSIENT_RETRY_DEFAULTS,
  withTransientRetry,
  type RetryNotice,
  type TransientRetryOptions,
} from './transient-retry';
export {
  runMigrations,
  type MigrationOptions,
  type MigrationResult,
  type NamedMigration,
} from './migrations';
export {
  watchDatabaseHealth,
  type DatabaseHealthOptions,
  type DatabaseHealthWatcher,
  type DatabaseReachability,
} from './database-health';
export {
  databaseKnownUnreachable,
  failFastWhileUnreachable,
  type ReachabilitySource,
} from './database-reachability';
export {
  serveWhileDatabaseReachable,
  type ServingStatusLogger,
  type ServingStatusTarget,
} from './database-serving-status';
export { decodePageToken, encodePageToken } from './page-token';
export {
  decodeFilteredPageToken,
  type FilteredPageTokenOptions,
  type PageTokenViolation,
} from './filtered-page-token';
