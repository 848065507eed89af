// From measured rounds to the figures the issue asks for: medians over rounds, ratios to the peer, overhead.
import type { LoadRound } from './http-load';
import type { LatencySeries } from './latency-series';
import { median } from './stats';

/** One series (e.g. the store's product lookups) over its rounds. */
export interface SeriesSummary {
  /** Median over rounds of 2xx answers per second. */
  readonly rps: number;
  /** Percentiles in ms over every 2xx answer of every round (pooled). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ok: number;
  readonly failed: number;
}

export function summarise(rounds: readonly LoadRound[], latencies: LatencySeries): SeriesSummary {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50Ms: latencies.quantileMs(0.5),
    p99Ms: latencies.quantileMs(0.99),
    ok: rounds.reduce((n, r) => n + r.ok, 0),
    failed: rounds.reduce((n, r) => n + r.failed, 0),
  };
}

/**
 * Median over rounds of `subject[i].rps / reference[i].rps`: rounds were run in pairs back to back, so each
 * ratio compares like with like even when the machine's load drifts between pairs. NaN without a pair.
 */
export function medianRatio(
  subject: readonly LoadRound[],
  reference: readonly LoadRound[],
): number {
  const n = Math.min(subject.length, reference.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) ratios.push(subject[i].rps / reference[i].rps);
  return median(ratios.filter((r) => Number.isFinite(r)));
}

/** Throughput of both measured routes, in requests per second. */
export interface RoutesRps {
  readonly products: number;
  readonly orders: number;
}

/**
 * What telemetry costs in throughput: max over the routes of `1 − on/off` (0.15 = 15 % fewer requests per
 * second with telemetry on; negative when on was faster, i.e. noise). NaN when a figure is missing.
 */
export function telemetryOverhead(on: RoutesRps, off: RoutesRps): number {
  const overheads = [1 - on.products / off.products, 1 - on.orders / off.orders];
  return overheads.some((o) => !Number.isFinite(o)) ? Number.NaN : Math.max(...overheads);
}

/** The largest value of a record (NaN entries ignored; NaN when none is left). */
export function maxOf(values: Readonly<Record<string, number>>): number {
  const finite = Object.values(values).filter((v) => Number.isFinite(v));
  return finite.length === 0 ? Number.NaN : Math.max(...finite);
}

/**
 * CPU milliseconds per answered request of each process group, from the clock ticks it spent during the rounds
 * (`ticks` at `ticksPerSecond`) and the 2xx answers those rounds got; largest first.
 */
export function cpuMsPerRequest(
  ticks: Readonly<Record<string, number>>,
  requests: number,
  ticksPerSecond: number,
): [string, number][] {
  return Object.entries(ticks)
    .map(([name, t]): [string, number] => [
      name,
      requests > 0 ? (1000 * t) / ticksPerSecond / requests : Number.NaN,
    ])
    .sort((a, b) => b[1] - a[1]);
}
