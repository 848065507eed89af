import type { Knex } from 'knex';
import { createDatabase } from './create-database';
import type { DatabaseLogger } from './database-options';
import { runMigrations, type NamedMigration } from './migrations';
import { withTransientRetry } from './transient-retry';

/** The database variables of a service (libs/config's databaseEnvShape + serviceEnvShape). */
export interface ServiceDatabaseConfig {
  readonly GAARA_PG_URL: string;
  readonly GAARA_PG_SCHEMA: string;
  readonly GAARA_PG_POOL_MAX: number;
  readonly GAARA_SERVICE_NAME: string;
}

/** A pino-like logger: knex's messages, the retry warnings and the "database ready" line. */
export interface ServiceDatabaseLogger extends DatabaseLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * A service's start-up database: the pool on its schema, then its migrations, retried while PostgreSQL is not
 * reachable yet (1 s, 2 s). Logs "database ready" with the migrations applied.
 */
export async function openServiceDatabase(
  config: ServiceDatabaseConfig,
  migrations: readonly NamedMigration[],
  logger: ServiceDatabaseLogger,
): Promise<Knex> {
  const schema = config.GAARA_PG_SCHEMA;
  const db = createDatabase({
    url: config.GAARA_PG_URL,
    schema,
    pool: { max: config.GAARA_PG_POOL_MAX },
    applicationName: config.GAARA_SERVICE_NAME,
    logger,
  });
  const { applied } = await withTransientRetry(() => runMigrations(db, { schema, migrations }), {
    onRetry: (notice) =>
      logger.warn({ err: notice.error, delayMs: notice.delayMs }, 'database not ready, retrying'),
  });
  logger.info({ schema, applied }, 'database ready');
  return db;
}
