import { knex, type Knex } from 'knex';
import { ConnectionCheck, type PingableConnection } from './connection-check';
import { DatabaseError } from './database-error';
import { databaseKnownUnreachable, databaseUnreachableError } from './database-reachability';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  POOL_DEFAULTS,
  QUERY_TIMEOUT_MARGIN_MS,
  SCHEMA_NAME,
  type DatabaseLogger,
  type DatabaseOptions,
} from './database-options';

/** The tarn pool behind knex: only the event hook is needed here. */
interface TarnEvents {
  on(event: 'release', listener: (connection: object) => void): void;
}

/** A pg client as knex holds it: knex flags one it must never hand out again with `__knex__disposed`. */
interface PgClientInPool {
  query(...args: unknown[]): unknown;
  __knex__disposed?: unknown;
}

/**
 * Creates a knex instance for PostgreSQL with the spec's pool: at most `max` (30) connections, idle ones
 * pinged before use, each replaced after `maxLifetimeMs` (1 h, with up to 1 min jitter so they do not all
 * reconnect at once), and `search_path` set to `schema`. Every statement is limited by the server
 * (`statementTimeoutMs`, 60 s) and, in case the server cannot be heard, by the client (`queryTimeoutMs`,
 * 65 s: the connection is then closed). Nothing connects until the first query.
 * Call `destroy()` on shutdown. Throws DatabaseError DB_INVALID_OPTIONS for an invalid schema or pool size.
 */
export function createDatabase(options: DatabaseOptions): Knex {
  const pool = { ...POOL_DEFAULTS, ...withoutUndefined(options.pool ?? {}) };
  validateOptions(options.schema, pool.min, pool.max);
  const check = new ConnectionCheck(pool);
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const queryTimeoutMs =
    options.queryTimeoutMs ??
    (statementTimeoutMs > 0 ? statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS : 0);
  const db = knex({
    client: 'pg',
    connection: {
      connectionString: options.url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      application_name: options.applicationName,
      // pg leaves both unset when 0.
      statement_timeout: statementTimeoutMs,
      query_timeout: queryTimeoutMs,
    },
    searchPath: [options.schema, 'public'],
    log: knexLog(options.logger),
    acquireConnectionTimeout: pool.acquireTimeoutMs,
    pool: {
      min: pool.min,
      max: pool.max,
      idleTimeoutMillis: pool.idleTimeoutMs,
      // knex ≥ 3.3 checks age in its validate hook, so a connection is recycled when next handed out.
      maxConnectionLifetimeMillis: pool.maxLifetimeMs,
      maxConnectionLifetimeJitterMillis: Math.min(60_000, Math.floor(pool.maxLifetimeMs / 10)),
      validate: (connection: PingableConnection) => check.isUsable(connection),
      afterCreate: (
        connection: PgClientInPool,
        done: (error: Error | null, c: unknown) => void,
      ) => {
        disposeOnClientTimeout(connection);
        done(null, connection);
      },
    },
  });
  (db.client.pool as TarnEvents | undefined)?.on('release', (connection) =>
    check.markReleased(connection),
  );
  failFastAcquireWhileUnreachable(db);
  return db;
}

/**
 * While the process's database watcher sees the database down, a statement gets DB_UNREACHABLE (transient) at
 * once instead of a pooled connection (issue #12: behind a network black hole each one waited for the 65 s client
 * timeout). At the pool, not in withTransientRetry: work answered from memory (catalog's product cache) goes on.
 */
function failFastAcquireWhileUnreachable(db: Knex): void {
  const client = db.client as { acquireConnection: () => Promise<unknown> };
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = () =>
    databaseKnownUnreachable() ? Promise.reject(databaseUnreachableError()) : acquire();
}

/**
 * pg's `query_timeout` rejects the query but leaves it in flight on the connection (everything queued behind
 * it waits for the answer): flag the connection disposed, so knex never hands it out again and tarn destroys
 * it (pg's `end()` destroys the socket of a client with an active query).
 */
function disposeOnClientTimeout(connection: PgClientInPool): void {
  const query = connection.query.bind(connection);
  connection.query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        if (error instanceof Error && error.message === 'Query read timeout') {
          connection.__knex__disposed = error;
        }
        (callback as (error: unknown, result: unknown) => void)(error, result);
      };
    }
    return query(...args);
  };
}

/** Routes knex's messages (it would print them with console.log) to the service logger. */
function knexLog(logger: DatabaseLogger | undefined): Knex.Config['log'] {
  const text = (message: unknown): string =>
    message instanceof Error ? message.message : String(message);
  return {
    warn: (message: unknown) => logger?.debug({ component: 'knex' }, text(message)),
    error: (message: unknown) => logger?.error({ component: 'knex' }, text(message)),
    debug: () => undefined,
    deprecate: () => undefined,
  };
}

function validateOptions(schema: string, min: number, max: number): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new DatabaseError(
      'DB_INVALID_OPTIONS',
      `schema must be a lower-case identifier, got "${schema}"`,
    );
  }
  // Migrations hold one connection for their lock while the migrator uses another.
  if (!(
    Number.isSafeInteger(min) &&
    Number.isSafeInteger(max) &&
    min >= 0 &&
    max >= 2 &&
    min <= max
  )) {
    throw new DatabaseError(
      'DB_INVALID_OPTIONS',
      `pool needs 0 <= min <= max and max >= 2, got min ${min}, max ${max}`,
    );
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
