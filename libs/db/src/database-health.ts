import type { Knex } from 'knex';

/** Whether the service can reach its database, as the last probe saw it. */
export type DatabaseReachability = 'reachable' | 'unreachable';

/** Options of {@link watchDatabaseHealth}. */
export interface DatabaseHealthOptions {
  /** Time between probes, in milliseconds; defaults to 1000. */
  readonly intervalMs?: number;
  /** A probe slower than this counts as unreachable, in milliseconds; defaults to 1000. */
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
  /** Calls `listener` on every change after `onChange`; returns the unsubscribe. */
  subscribe(listener: (state: DatabaseReachability) => void): () => void;
  /** Stops probing; idempotent. */
  stop(): void;
}

/**
 * Probes the database with `SELECT 1` over a connection of its own (not the service's pool) every `intervalMs` and reports
 * reachable/unreachable transitions, e.g. to flip grpc.health.v1 between SERVING and NOT_SERVING.
 * The first probe starts at once. Timers are unref'd: the watcher alone keeps no process alive.
 */
export function watchDatabaseHealth(
  db: Knex,
  options: DatabaseHealthOptions,
): DatabaseHealthWatcher {
  const intervalMs = options.intervalMs ?? 1000;
  // A dedicated connection's SELECT 1 answers in milliseconds even under load; a second is an outage (issue #12).
  const timeoutMs = options.timeoutMs ?? 1000;
  const link = new ProbeLink(db);
  let state: DatabaseReachability | 'unknown' = 'unknown';
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const listeners = new Set<(state: DatabaseReachability) => void>();

  const probe = async (): Promise<DatabaseReachability> => {
    const failure = await link.ping(timeoutMs);
    const next: DatabaseReachability = failure === undefined ? 'reachable' : 'unreachable';
    if (next !== state && !stopped) {
      state = next;
      options.onChange(next, failure?.error);
      for (const listener of [...listeners]) listener(next);
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
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      link.close();
    },
  };
}

/** The part of knex's pg client the probe uses: pg's `Client` class and the pool's connection settings. */
interface DriverOf {
  readonly driver: { Client: new (settings: unknown) => ProbeClient };
  readonly connectionSettings: unknown;
}

/** A pg client, as the probe uses it. */
interface ProbeClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/**
 * The probe's own connection, outside the service's pool: a pool busy with work would otherwise make the probe
 * wait for a free connection and report a saturated but reachable database as unreachable (and make every
 * request fail fast). Opened on first use and after any failure; a timed-out probe closes it, so a hung
 * `SELECT 1` never lingers.
 */
class ProbeLink {
  private client: ProbeClient | undefined;

  constructor(private readonly db: Knex) {}

  /** Resolves undefined when `SELECT 1` answered within `timeoutMs` (connecting included), else the reason. */
  async ping(timeoutMs: number): Promise<{ error: unknown } | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<{ error: unknown }>((resolve) => {
      timer = setTimeout(
        () => resolve({ error: new Error(`no answer to SELECT 1 within ${timeoutMs} ms`) }),
        timeoutMs,
      );
    });
    const answered = this.select().then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    try {
      const result = await Promise.race([answered, deadline]);
      if (result !== undefined) this.drop();
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.drop();
  }

  private async select(): Promise<void> {
    if (this.client === undefined) {
      const knexClient = this.db.client as DriverOf;
      const client = new knexClient.driver.Client(knexClient.connectionSettings);
      // A socket error after a timeout must not crash the process; the next probe reconnects.
      client.on('error', () => this.forget(client));
      this.client = client;
      await client.connect();
    }
    await this.client.query('SELECT 1');
  }

  private forget(client: ProbeClient): void {
    if (this.client === client) this.client = undefined;
  }

  private drop(): void {
    const client = this.client;
    this.client = undefined;
    void client?.end().catch(() => undefined);
  }
}
