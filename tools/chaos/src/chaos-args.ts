// Command line of `npm run chaos`: the full run by default, `--short` for the version `npm test` runs.

/** What one invocation runs. */
export interface ChaosArgs {
  /** Fault names in order; empty = every fault. */
  readonly faults: readonly string[];
  /** Seconds each fault lasts. */
  readonly faultSeconds: number;
  readonly ordersPerSecond: number;
  /** GAARA_BREAKER_OPEN_MS of every service, in milliseconds. */
  readonly breakerOpenMs: number;
  readonly settleSeconds: number;
  /**
   * Which targets fail the run: `all`, or `correctness` (nothing lost, charged twice, receipted twice or missing, no
   * 5xx on degradable routes) with p99 and recovery reported but not enforced. `--short` (npm test) takes
   * `correctness` while the latency targets are not met on this machine (issue #12; figures in the full run).
   */
  readonly enforce: 'all' | 'correctness';
}

/** The short run of `npm test`: two process crashes (invoice; the gateway, whose restart meets every client's
 * queued repeat), a hanging provider, a slow provider link and a black-holed PostgreSQL link (the pool's fail-fast
 * and catalog's products from memory), 4 s each. */
export const SHORT_FAULTS = [
  'invoice-killed',
  'gateway-killed',
  'provider-hanging',
  'provider-net-latency',
  'postgres-net-blackhole',
];

export const usage =
  'usage: npm run chaos -- [--short] [--faults a,b,...] [--fault-seconds N] [--rate N] [--breaker-open-ms N] [--enforce all|correctness]';

/** @throws Error with the usage for an unknown flag or a bad number */
export function parseChaosArgs(argv: readonly string[]): ChaosArgs {
  let args: ChaosArgs = {
    faults: [],
    faultSeconds: 15,
    ordersPerSecond: 20,
    breakerOpenMs: 10_000,
    settleSeconds: 240,
    enforce: 'all',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value\n${usage}`);
      return next;
    };
    const number = (): number => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0)
        throw new Error(`${flag} takes a positive number\n${usage}`);
      return n;
    };
    if (flag === '--short') {
      args = {
        ...args,
        faults: SHORT_FAULTS,
        faultSeconds: 4,
        ordersPerSecond: 10,
        breakerOpenMs: 5000,
        settleSeconds: 120,
        enforce: 'correctness',
      };
    } else if (flag === '--faults') {
      args = {
        ...args,
        faults: value()
          .split(',')
          .filter((f) => f !== ''),
      };
    } else if (flag === '--fault-seconds') {
      args = { ...args, faultSeconds: number() };
    } else if (flag === '--rate') {
      args = { ...args, ordersPerSecond: Math.min(50, number()) };
    } else if (flag === '--enforce') {
      const which = value();
      if (which !== 'all' && which !== 'correctness') {
        throw new Error(`--enforce takes all or correctness\n${usage}`);
      }
      args = { ...args, enforce: which };
    } else if (flag === '--breaker-open-ms') {
      args = { ...args, breakerOpenMs: number() };
    } else {
      throw new Error(`unknown argument ${flag}\n${usage}`);
    }
  }
  return args;
}
