// The measured rounds of one pass: product lookups, then orders, each alternating store and peer round by
// round (the first of each pair swaps every round, so drift favours neither), with the CPU each process spent.
import { runLoad, type LoadRound } from './http-load';
import { LatencySeries } from './latency-series';
import { cpuSnapshot, ticksBetween, type PidGroups } from './process-meter';
import { orderRequests, type OrderLog, productRequests } from './store-workload';
import { round } from './stats';

export type Contender = 'store' | 'peer';
export type Route = 'products' | 'orders';
export const contenders: readonly Contender[] = ['store', 'peer'];
export const routes: readonly Route[] = ['products', 'orders'];

export interface RoundsOptions {
  /** Base URLs (`http://127.0.0.1:<port>`). */
  readonly urls: Readonly<Record<Contender, string>>;
  readonly productIds: readonly string[];
  /** Measured rounds per contender and route. */
  readonly rounds: number;
  /** Seconds per round. */
  readonly seconds: number;
  /** Unmeasured seconds per contender and route before the rounds (JIT, pools). */
  readonly warmupSeconds: number;
  readonly connections: number;
  /** Requests per round at most. */
  readonly maxRequests: number;
  /** Tags the store's order keys and customers (e.g. the pass). */
  readonly label: string;
  /** Collects the store's accepted orders (for the settlement check). */
  readonly storeOrders: OrderLog;
  /** Run after each store order round, before the next round (lets its payments finish; bounded by the caller). */
  readonly afterStoreOrders: () => Promise<void>;
  /** Processes whose CPU is accounted per round (re-read at each round: PostgreSQL's backends change). */
  readonly cpuGroups: () => PidGroups;
  readonly log: (line: string) => void;
}

type PerContender<T> = Record<Contender, Record<Route, T>>;

export interface PassSeries {
  readonly rounds: PerContender<LoadRound[]>;
  readonly latencies: PerContender<LatencySeries>;
  /** Clock ticks per process group spent during each contender's measured rounds of a route. */
  readonly ticks: PerContender<Record<string, number>>;
}

function perContender<T>(make: () => T): PerContender<T> {
  return {
    store: { products: make(), orders: make() },
    peer: { products: make(), orders: make() },
  };
}

function add(into: Record<string, number>, ticks: Readonly<Record<string, number>>): void {
  for (const [name, t] of Object.entries(ticks)) into[name] = (into[name] ?? 0) + t;
}

function describe(r: LoadRound): string {
  const statuses = Object.entries(r.statuses)
    .map(([s, n]) => `${n}×${s}`)
    .join(' ');
  return `${round(r.rps, 1)} req/s (${r.ok} ok, ${r.failed} failed: ${statuses || 'no answers'})`;
}

/** Runs the warm-up and the measured rounds; see {@link RoundsOptions}. */
export async function runPassRounds(o: RoundsOptions): Promise<PassSeries> {
  const series: PassSeries = {
    rounds: perContender(() => []),
    latencies: perContender(() => new LatencySeries()),
    ticks: perContender(() => ({})),
  };
  // A warm-up round (not measured) lasts warmupSeconds and records nothing.
  const once = async (who: Contender, route: Route, measured: boolean): Promise<LoadRound> => {
    const isStoreOrders = who === 'store' && route === 'orders';
    const before = cpuSnapshot(o.cpuGroups());
    const result = await runLoad({
      baseUrl: o.urls[who],
      connections: o.connections,
      seconds: measured ? o.seconds : o.warmupSeconds,
      maxRequests: o.maxRequests,
      next:
        route === 'products'
          ? productRequests(o.productIds)
          : orderRequests(o.productIds, who === 'store' ? o.label : `peer-${o.label}`),
      onAnswer: isStoreOrders ? o.storeOrders.record : undefined,
      latencies: measured ? series.latencies[who][route] : undefined,
    });
    // An order's payment may finish after its answer: the store's CPU is read once the payments are final
    // (bounded by the caller), so most of the work an order causes is counted with it (receipts may lag).
    if (isStoreOrders) await o.afterStoreOrders();
    if (measured) {
      add(series.ticks[who][route], ticksBetween(before, cpuSnapshot(o.cpuGroups())));
      series.rounds[who][route].push(result);
    }
    return result;
  };

  for (const route of routes) {
    for (const who of contenders) {
      const warm = await once(who, route, false);
      o.log(`warm-up ${who} ${route}: ${describe(warm)}`);
    }
  }
  for (const route of routes) {
    for (let r = 0; r < o.rounds; r++) {
      const pair = r % 2 === 0 ? contenders : [...contenders].reverse();
      for (const who of pair) {
        const result = await once(who, route, true);
        o.log(`round ${r + 1}/${o.rounds} ${who} ${route}: ${describe(result)}`);
      }
    }
  }
  return series;
}
