/** Pool settings of {@link createDatabase}; the defaults are the spec's (pool 10 + overflow 20). */
export interface PoolOptions {
  /** Connections kept open even when idle; defaults to 2. */
  readonly min?: number;
  /** Connections open at most (the spec's 10 + 20 overflow); defaults to 30. */
  readonly max?: number;
  /** Idle connections above `min` are closed after this long, in milliseconds; defaults to 30000. */
  readonly idleTimeoutMs?: number;
  /** A connection is closed and replaced once it is this old, in milliseconds; defaults to 3600000 (1 h). */
  readonly maxLifetimeMs?: number;
  /** A connection idle longer than this is pinged (`SELECT 1`) before use, in milliseconds; defaults to 5000. */
  readonly pingIdleAfterMs?: number;
  /** How long that ping may take before the connection is discarded, in milliseconds; defaults to 2000. */
  readonly pingTimeoutMs?: number;
  /** Longest wait for a free connection, in milliseconds; defaults to 10000. */
  readonly acquireTimeoutMs?: number;
}

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  /** `postgres://user:password@host:port/database`. */
  readonly url: string;
  /** Schema the service owns: first on the search_path, home of its migrations table. */
  readonly schema: string;
  readonly pool?: PoolOptions;
  /** Longest a TCP connect plus authentication may take, in milliseconds; defaults to 5000. */
  readonly connectTimeoutMs?: number;
  /**
   * Server-side `statement_timeout` of every connection, in milliseconds; defaults to 60000, 0 means none.
   * The longest legitimate statements are a `FOR UPDATE` waiting behind a transaction that holds the row
   * across a Kafka publish (the producer gives up after 30 s) and migrations, which run on their own
   * connections without either timeout (see runMigrations).
   */
  readonly statementTimeoutMs?: number;
  /**
   * Client-side limit on one query, in milliseconds (pg's `query_timeout`): when the server cannot be heard
   * (a frozen network), the query fails after this long and its connection is closed, never handed out
   * again. Defaults to `statementTimeoutMs` + 5000, so normally the server's timeout answers first; 0
   * means none (the default when `statementTimeoutMs` is 0).
   */
  readonly queryTimeoutMs?: number;
  /** `application_name` shown in pg_stat_activity, e.g. the service name. */
  readonly applicationName?: string;
  /**
   * Receives knex's messages instead of the console; defaults to silent. Its warnings (each failed acquire,
   * each dropped connection) go to `debug`: during an outage they repeat every probe, and the health
   * watcher and retries already report the outage once.
   */
  readonly logger?: DatabaseLogger;
}

/** The part of a pino logger @gaara/db writes to. */
export interface DatabaseLogger {
  debug(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export const POOL_DEFAULTS = {
  min: 2,
  max: 30,
  idleTimeoutMs: 30_000,
  maxLifetimeMs: 3_600_000,
  pingIdleAfterMs: 5_000,
  pingTimeoutMs: 2_000,
  acquireTimeoutMs: 10_000,
} as const satisfies Required<PoolOptions>;

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export const DEFAULT_STATEMENT_TIMEOUT_MS = 60_000;

/** How much later than the server's statement_timeout the client gives up on a query by default. */
export const QUERY_TIMEOUT_MARGIN_MS = 5_000;

/** Schema names we create and quote: lower-case identifiers, so they never need escaping in SQL. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
