import { milliseconds, positiveInt, string, url } from './env-var';

/**
 * The variables of a service that owns a PostgreSQL schema: GAARA_PG_URL (the local stack's database by default),
 * GAARA_PG_SCHEMA, GAARA_PG_POOL_MAX (30: the spec's 10 + 20 overflow) and GAARA_DB_HEALTH_INTERVAL_MS (1000).
 */
export function databaseEnvShape(defaults: { readonly schema: string }) {
  return {
    GAARA_PG_URL: url(['postgres', 'postgresql']).default(
      'postgres://gaara:gaara@127.0.0.1:5432/gaara',
    ),
    GAARA_PG_SCHEMA: string().default(defaults.schema),
    GAARA_PG_POOL_MAX: positiveInt().default(30),
    /** Time between database health probes, in milliseconds. */
    GAARA_DB_HEALTH_INTERVAL_MS: milliseconds().default(1000),
  };
}
