import type { Knex } from 'knex';
import { watchDatabaseHealth, type DatabaseHealthWatcher } from './database-health';

/** The part of a gRPC health map this needs; typed structurally so @gaara/db does not depend on @gaara/grpc. */
export interface ServingStatusTarget {
  setAll(status: 'SERVING' | 'NOT_SERVING'): void;
  readonly isClosed: boolean;
}

/** The logger calls made on transitions (pino-compatible; info and warn are optional). */
export interface ServingStatusLogger {
  info?(fields: object, message: string): void;
  warn?(fields: object, message: string): void;
}

/**
 * Keeps a service's health in step with its database: NOT_SERVING while it is unreachable, SERVING when it
 * returns, without a restart. Probes every `intervalMs` (in milliseconds, defaults to 1000); stop it before
 * shutting the server down.
 */
export function serveWhileDatabaseReachable(
  db: Knex,
  health: ServingStatusTarget,
  options: { readonly intervalMs?: number; readonly logger?: ServingStatusLogger } = {},
): DatabaseHealthWatcher {
  return watchDatabaseHealth(db, {
    intervalMs: options.intervalMs,
    onChange: (state, error) => {
      if (health.isClosed) return;
      if (state === 'reachable') options.logger?.info?.({ database: state }, 'database reachable');
      else options.logger?.warn?.({ database: state, err: error }, 'database unreachable');
      health.setAll(state === 'reachable' ? 'SERVING' : 'NOT_SERVING');
    },
  });
}
