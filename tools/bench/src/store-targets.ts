// The targets for the store bench, and each figure's verdict beside it.

/** The figures that have a target (names as in the JSON line). */
export type TargetFigure =
  | 'product_vs_peer'
  | 'product_p99_ms'
  | 'order_vs_peer'
  | 'order_p50_ms'
  | 'order_p99_ms'
  | 'telemetry_overhead'
  | 'rss_idle_mb_max'
  | 'rss_peak_mb_max'
  | 'idle_cpu_pct_max'
  | 'idle_cpu_pct_kafka';

export interface Target {
  readonly figure: TargetFigure;
  /** `min`: the figure must be at least `limit`; `max`: at most. */
  readonly kind: 'min' | 'max';
  readonly limit: number;
}

/** Issue #10's targets: ratios to the peer, latencies in ms, RSS in MB per service, idle CPU in % of one CPU. */
export const storeTargets: readonly Target[] = [
  { figure: 'product_vs_peer', kind: 'min', limit: 0.5 },
  { figure: 'product_p99_ms', kind: 'max', limit: 10 },
  { figure: 'order_vs_peer', kind: 'min', limit: 0.1 },
  { figure: 'order_p50_ms', kind: 'max', limit: 30 },
  { figure: 'order_p99_ms', kind: 'max', limit: 100 },
  { figure: 'telemetry_overhead', kind: 'max', limit: 0.15 },
  { figure: 'rss_idle_mb_max', kind: 'max', limit: 100 },
  { figure: 'rss_peak_mb_max', kind: 'max', limit: 200 },
  { figure: 'idle_cpu_pct_max', kind: 'max', limit: 1 },
  { figure: 'idle_cpu_pct_kafka', kind: 'max', limit: 5 },
];

export interface Verdict extends Target {
  readonly value: number | null;
  /** null when the figure was not measured (e.g. telemetry off skipped): neither met nor failed. */
  readonly met: boolean | null;
}

/** Judges every target against `figures` (null or NaN = not measured). */
export function evaluateTargets(
  figures: Readonly<Record<TargetFigure, number | null>>,
  targets: readonly Target[] = storeTargets,
): Verdict[] {
  return targets.map((t) => {
    const raw = figures[t.figure];
    const value = raw === null || Number.isNaN(raw) ? null : raw;
    const met = value === null ? null : t.kind === 'min' ? value >= t.limit : value <= t.limit;
    return { ...t, value, met };
  });
}

/** One line per verdict: `order_p50_ms 42.1 (target ≤ 30): not met`. */
export function describeVerdict(v: Verdict): string {
  const verdict = v.met === null ? 'not measured' : v.met ? 'met' : 'not met';
  return `${v.figure} ${v.value ?? '–'} (target ${v.kind === 'min' ? '≥' : '≤'} ${v.limit}): ${verdict}`;
}
