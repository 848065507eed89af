import type { Knex } from 'knex';

/** Whether the service can reach its database, as the last probe saw it. */
export type DatabaseReachability = 'reachable' | 'unreachable';

/** Options of {@link watchDatabaseHealth}. */
export interface DatabaseHealthOptions {
  /** Time between probes, in milliseconds; defaults to 1000. */
  readonly intervalMs?: number;
  /** A probe slower than this counts as unreachable, in milliseconds; defaults to 2000. */
  readonly timeoutMs?: number;
  /** Called on the first result and on every change after it; `error` is why the probe failed. */
  readonly onChange: (state: DatabaseReachability, error?: unknown) => void;
}

/** A running watcher. */
export interface DatabaseHealthWatcher {
  /** The last result, `unknown` until the first probe completes. */
  readonly state: DatabaseReachability | 'unknown';
  /** Probes now (outside the schedule) and reports a change as usual. */
  probe(): Promise<DatabaseReachability>;
  /** Stops probing; idempotent. */
  stop(): void;
}

/**
 * Probes the database with `SELECT 1` through the service's own pool every `intervalMs` and reports
 * reachable/unreachable transitions, e.g. to flip grpc.health.v1 between SERVING and NOT_SERVING.
 * The first probe starts at once. Timers are unref'd: the watcher alone keeps no process alive.
 */
export function watchDatabaseHealth(
  db: Knex,
  options: DatabaseHealthOptions,
): DatabaseHealthWatcher {
  const intervalMs = options.intervalMs ?? 1000;
  const timeoutMs = options.timeoutMs ?? 2000;
  let state: DatabaseReachability | 'unknown' = 'unknown';
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const probe = async (): Promise<DatabaseReachability> => {
    const failure = await pingWithin(db, timeoutMs);
    const next: DatabaseReachability = failure === undefined ? 'reachable' : 'unreachable';
    if (next !== state && !stopped) {
      state = next;
      options.onChange(next, failure?.error);
    }
    return next;
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => void probe().finally(schedule), intervalMs);
    timer.unref();
  };
  void probe().finally(schedule);

  return {
    get state() {
      return state;
    },
    probe,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** The part of knex's client the probe uses to hold one connection itself. */
interface PoolClient {
  acquireConnection(): Promise<ProbeConnection>;
  releaseConnection(connection: ProbeConnection): Promise<unknown>;
}

/** A pg client: `end()` destroys the socket at once when a query is still in flight. */
interface ProbeConnection {
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
}

/**
 * Resolves undefined when `SELECT 1` answered within `timeoutMs`, else the reason. A probe that times out
 * closes its connection (the query cannot be cancelled over a path that no longer carries anything): under a
 * network freeze each probe would otherwise leave a hung query holding a pool connection until the pool ran
 * out. A connection handed over after the deadline goes straight back.
 */
async function pingWithin(db: Knex, timeoutMs: number): Promise<{ error: unknown } | undefined> {
  const client = db.client as PoolClient;
  const timeout = (): { error: unknown } => ({
    error: new Error(`no answer to SELECT 1 within ${timeoutMs} ms`),
  });
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => {
      late = true;
      resolve('late');
    }, timeoutMs);
  });
  const acquiring = client.acquireConnection();
  try {
    const connection = await Promise.race([acquiring, deadline]).catch((error: unknown) => ({
      error,
    }));
    if (connection === 'late') {
      void acquiring.then(
        (c) => client.releaseConnection(c),
        () => undefined,
      );
      return timeout();
    }
    if ('error' in connection) return connection;
    const answered = connection.query('SELECT 1').then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    const result = await Promise.race([answered, deadline]);
    if (result === 'late' || late) {
      // knex flags the ended connection disposed; the pool destroys it instead of handing it out.
      await connection.end().catch(() => undefined);
      await client.releaseConnection(connection);
      return timeout();
    }
    await client.releaseConnection(connection);
    return result;
  } finally {
    clearTimeout(timer);
  }
}
