// The store bench's last stdout line: one JSON object, figures rounded, NaN (not measured) as null.
import type { SeriesSummary } from './store-figures';
import { maxOf } from './store-figures';
import type { TargetFigure } from './store-targets';
import { round } from './stats';

/**
 * Resident memory of one process in MB: idle after start, idle at the end of the quiet period after the load, and
 * the peak sampled from the first round to the end of that quiet period.
 */
export interface RssFigures {
  readonly idleStart: number;
  readonly idleAfter: number;
  readonly peak: number;
}

export interface StoreMeasurement {
  readonly product: SeriesSummary;
  readonly order: SeriesSummary;
  readonly peerProduct: SeriesSummary;
  readonly peerOrder: SeriesSummary;
  readonly productVsPeer: number;
  readonly orderVsPeer: number;
  /** NaN when the telemetry-off pass was skipped. */
  readonly telemetryOverhead: number;
  /** Per process: the store's services, and also the sandbox and the peer (not counted in the maxima). */
  readonly rss: Readonly<Record<string, RssFigures>>;
  /** % of one CPU per process over the quiet window, `kafka` included. */
  readonly idleCpuPct: Readonly<Record<string, number>>;
  /** Names of the store's services: the maxima (`*_max`) are over these only. */
  readonly services: readonly string[];
  readonly settled: boolean;
  /** Rounds per series and pass. */
  readonly rounds: number;
}

/** `value` rounded to `digits` decimals; null for NaN/±Infinity (JSON has no NaN). */
export function jsonNumber(value: number, digits: number): number | null {
  return Number.isFinite(value) ? round(value, digits) : null;
}

function pick<T>(record: Readonly<Record<string, T>>, names: readonly string[]): Record<string, T> {
  return Object.fromEntries(names.filter((n) => n in record).map((n) => [n, record[n]]));
}

/** The JSON object of the last line (field order as issue #10 lists them, `bench` first). */
export function storeResult(m: StoreMeasurement): Record<string, unknown> {
  const idle = (r: RssFigures): number => maxOf({ start: r.idleStart, after: r.idleAfter });
  const services = pick(m.rss, m.services);
  return {
    bench: 'store',
    product_rps: jsonNumber(m.product.rps, 1),
    product_vs_peer: jsonNumber(m.productVsPeer, 3),
    product_p50_ms: jsonNumber(m.product.p50Ms, 2),
    product_p99_ms: jsonNumber(m.product.p99Ms, 2),
    order_rps: jsonNumber(m.order.rps, 1),
    order_vs_peer: jsonNumber(m.orderVsPeer, 3),
    order_p50_ms: jsonNumber(m.order.p50Ms, 2),
    order_p99_ms: jsonNumber(m.order.p99Ms, 2),
    peer_product_rps: jsonNumber(m.peerProduct.rps, 1),
    peer_order_rps: jsonNumber(m.peerOrder.rps, 1),
    telemetry_overhead: jsonNumber(m.telemetryOverhead, 3),
    rss_idle_mb_max: jsonNumber(
      maxOf(Object.fromEntries(Object.entries(services).map(([n, r]) => [n, idle(r)]))),
      1,
    ),
    rss_peak_mb_max: jsonNumber(
      maxOf(Object.fromEntries(Object.entries(services).map(([n, r]) => [n, r.peak]))),
      1,
    ),
    rss_mb: Object.fromEntries(
      Object.entries(m.rss).map(([name, r]) => [
        name,
        {
          idle: jsonNumber(idle(r), 1),
          idle_start: jsonNumber(r.idleStart, 1),
          idle_after: jsonNumber(r.idleAfter, 1),
          peak: jsonNumber(r.peak, 1),
        },
      ]),
    ),
    idle_cpu_pct_max: jsonNumber(maxOf(pick(m.idleCpuPct, m.services)), 2),
    idle_cpu_pct_kafka: jsonNumber(m.idleCpuPct['kafka'] ?? Number.NaN, 2),
    idle_cpu_pct: Object.fromEntries(
      Object.entries(m.idleCpuPct).map(([name, pct]) => [name, jsonNumber(pct, 2)]),
    ),
    settled: m.settled,
    rounds: m.rounds,
  };
}

/** The figures of a result that have targets (see store-targets.ts), null where not measured. */
export function targetFigures(
  result: Readonly<Record<string, unknown>>,
): Record<TargetFigure, number | null> {
  const figure = (name: TargetFigure): number | null => {
    const value = result[name];
    return typeof value === 'number' ? value : null;
  };
  return {
    product_vs_peer: figure('product_vs_peer'),
    product_p99_ms: figure('product_p99_ms'),
    order_vs_peer: figure('order_vs_peer'),
    order_p50_ms: figure('order_p50_ms'),
    order_p99_ms: figure('order_p99_ms'),
    telemetry_overhead: figure('telemetry_overhead'),
    rss_idle_mb_max: figure('rss_idle_mb_max'),
    rss_peak_mb_max: figure('rss_peak_mb_max'),
    idle_cpu_pct_max: figure('idle_cpu_pct_max'),
    idle_cpu_pct_kafka: figure('idle_cpu_pct_kafka'),
  };
}
