import type { SeriesSummary } from './store-figures';
import { jsonNumber, type StoreMeasurement, storeResult, targetFigures } from './store-result';

const series = (rps: number, p50Ms: number, p99Ms: number): SeriesSummary => ({
  rps,
  p50Ms,
  p99Ms,
  ok: 1,
  failed: 0,
});

const measurement: StoreMeasurement = {
  product: series(812.345, 4.567, 21.234),
  order: series(40.04, 180.5, 420.25),
  peerProduct: series(5000.06, 1.2, 3.4),
  peerOrder: series(1500, 5, 12),
  productVsPeer: 0.16234,
  orderVsPeer: 0.02671,
  telemetryOverhead: Number.NaN,
  rss: {
    gateway: { idleStart: 90.04, idleAfter: 110.06, peak: 150 },
    catalog: { idleStart: 80, idleAfter: 85, peak: 120 },
    sandbox: { idleStart: 300, idleAfter: 300, peak: 400 },
    peer: { idleStart: 60, idleAfter: 70, peak: Number.NaN },
  },
  idleCpuPct: { gateway: 0.5, catalog: 1.234, sandbox: 9, peer: 0.1, kafka: 3.456 },
  services: ['catalog', 'gateway'],
  settled: true,
  rounds: 3,
};

describe('store bench JSON line', () => {
  const result = storeResult(measurement);

  it('has exactly the issue #10 fields, in order', () => {
    expect(Object.keys(result)).toEqual([
      'bench',
      'product_rps',
      'product_vs_peer',
      'product_p50_ms',
      'product_p99_ms',
      'order_rps',
      'order_vs_peer',
      'order_p50_ms',
      'order_p99_ms',
      'peer_product_rps',
      'peer_order_rps',
      'telemetry_overhead',
      'rss_idle_mb_max',
      'rss_peak_mb_max',
      'rss_mb',
      'idle_cpu_pct_max',
      'idle_cpu_pct_kafka',
      'idle_cpu_pct',
      'settled',
      'rounds',
    ]);
  });

  it('rounds figures and writes what was not measured as null', () => {
    expect(result).toMatchObject({
      bench: 'store',
      product_rps: 812.3,
      product_vs_peer: 0.162,
      product_p50_ms: 4.57,
      order_vs_peer: 0.027,
      telemetry_overhead: null,
      idle_cpu_pct_kafka: 3.46,
      settled: true,
      rounds: 3,
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('takes the maxima over the store services only (not the sandbox or the peer)', () => {
    expect(result['rss_idle_mb_max']).toBe(110.1);
    expect(result['rss_peak_mb_max']).toBe(150);
    expect(result['idle_cpu_pct_max']).toBe(1.23);
    expect(result['rss_mb']).toMatchObject({
      gateway: { idle: 110.1, idle_start: 90, idle_after: 110.1, peak: 150 },
      peer: { idle: 70, peak: null },
    });
  });

  it('hands the target figures on, null where absent', () => {
    expect(targetFigures(result)).toMatchObject({
      product_vs_peer: 0.162,
      telemetry_overhead: null,
      rss_idle_mb_max: 110.1,
    });
    expect(jsonNumber(Number.POSITIVE_INFINITY, 1)).toBeNull();
  });
});
