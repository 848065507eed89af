import { describeVerdict, evaluateTargets, storeTargets, type TargetFigure } from './store-targets';

const figures = (
  over: Partial<Record<TargetFigure, number | null>>,
): Record<TargetFigure, number | null> => ({
  product_vs_peer: 0.5,
  product_p99_ms: 10,
  order_vs_peer: 0.1,
  order_p50_ms: 30,
  order_p99_ms: 100,
  telemetry_overhead: 0.15,
  rss_idle_mb_max: 100,
  rss_peak_mb_max: 200,
  idle_cpu_pct_max: 1,
  idle_cpu_pct_kafka: 5,
  ...over,
});

describe('store bench targets', () => {
  it('are the issue #10 targets', () => {
    expect(storeTargets.map((t) => `${t.figure} ${t.kind} ${t.limit}`)).toEqual([
      'product_vs_peer min 0.5',
      'product_p99_ms max 10',
      'order_vs_peer min 0.1',
      'order_p50_ms max 30',
      'order_p99_ms max 100',
      'telemetry_overhead max 0.15',
      'rss_idle_mb_max max 100',
      'rss_peak_mb_max max 200',
      'idle_cpu_pct_max max 1',
      'idle_cpu_pct_kafka max 5',
    ]);
  });

  it('meets a target exactly at its limit, on either side', () => {
    expect(evaluateTargets(figures({})).every((v) => v.met === true)).toBe(true);
  });

  it('misses a minimum below it and a maximum above it', () => {
    const verdicts = evaluateTargets(figures({ product_vs_peer: 0.49, order_p50_ms: 30.01 }));
    const missed = verdicts.filter((v) => v.met === false).map((v) => v.figure);
    expect(missed).toEqual(['product_vs_peer', 'order_p50_ms']);
  });

  it('a figure not measured is neither met nor missed', () => {
    const [verdict] = evaluateTargets(figures({ product_vs_peer: null }));
    expect(verdict).toMatchObject({ value: null, met: null });
    expect(evaluateTargets(figures({ product_vs_peer: Number.NaN }))[0].met).toBeNull();
    expect(describeVerdict(verdict)).toBe('product_vs_peer – (target ≥ 0.5): not measured');
  });

  it('describes a verdict with its target', () => {
    const verdict = evaluateTargets(figures({ order_p99_ms: 240.5 }))[4];
    expect(describeVerdict(verdict)).toBe('order_p99_ms 240.5 (target ≤ 100): not met');
  });
});
