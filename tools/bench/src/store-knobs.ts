// The store bench's environment knobs (documented at the top of store.ts), read and checked in one place.

export interface StoreKnobs {
  /** Measured rounds per contender (store, peer) and route (products, orders) and pass; default 3. */
  readonly rounds: number;
  /** Seconds per round; default 6. */
  readonly roundSeconds: number;
  /** Closed-loop connections of the load generator; default 16. */
  readonly connections: number;
  /** Skip the second pass (store restarted with telemetry off); default false. */
  readonly skipTelemetryOff: boolean;
  /** Unmeasured seconds per contender and route before the rounds; default 2. */
  readonly warmupSeconds: number;
  /** Length of each quiet window (idle CPU, idle RSS) in seconds; default 15. */
  readonly idleSeconds: number;
  /** Products looked up and ordered; default 20. */
  readonly products: number;
  /** Requests per round at most (a bound besides the time); default 500,000. */
  readonly maxRequests: number;
  /** Seconds at most to wait for every accepted order to be paid with its receipt; default 60. */
  readonly settleSeconds: number;
  /** GAARA_LOG_LEVEL for every service; default unset (the shipped level, as `npm start`). */
  readonly logLevel: string | undefined;
  /** Bound on the whole run in seconds; default 900. */
  readonly boundSeconds: number;
  /** PostgreSQL of the store and the peer; default the local stack's. */
  readonly pgUrl: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: Env, name: string): boolean {
  const raw = (env[name] ?? '').toLowerCase();
  if (raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new Error(`${name} must be true/false/1/0, got "${raw}"`);
}

/** Reads the knobs from `env`; throws naming the variable when one is out of range. */
export function readStoreKnobs(env: Env): StoreKnobs {
  return {
    rounds: Math.round(number(env, 'BENCH_ROUNDS', 3, 1, 50)),
    roundSeconds: number(env, 'BENCH_ROUND_SECONDS', 6, 1, 120),
    connections: Math.round(number(env, 'BENCH_CONNECTIONS', 16, 1, 1024)),
    skipTelemetryOff: flag(env, 'BENCH_SKIP_TELEMETRY_OFF'),
    warmupSeconds: number(env, 'BENCH_WARMUP_SECONDS', 2, 1, 60),
    idleSeconds: number(env, 'BENCH_IDLE_SECONDS', 15, 1, 120),
    products: Math.round(number(env, 'BENCH_PRODUCTS', 20, 1, 1000)),
    maxRequests: Math.round(number(env, 'BENCH_MAX_REQUESTS', 500_000, 1, 100_000_000)),
    settleSeconds: number(env, 'BENCH_SETTLE_SECONDS', 60, 1, 600),
    logLevel: env['BENCH_LOG_LEVEL'] === '' ? undefined : env['BENCH_LOG_LEVEL'],
    boundSeconds: number(env, 'BENCH_BOUND_SECONDS', 900, 60, 7200),
    pgUrl: env['GAARA_PG_URL'] ?? 'postgres://gaara:gaara@127.0.0.1:5432/gaara',
  };
}
