import type { LoadRound } from './http-load';
import { LatencySeries } from './latency-series';
import { cpuMsPerRequest, maxOf, medianRatio, summarise, telemetryOverhead } from './store-figures';

const roundOf = (rps: number, ok = 100, failed = 0): LoadRound => ({
  ok,
  failed,
  seconds: 1,
  rps,
  statuses: { 200: ok },
});

describe('store bench figures', () => {
  it('summarises rounds: median rps, pooled percentiles, totals', () => {
    const latencies = new LatencySeries();
    for (let i = 1; i <= 100; i++) latencies.add(i);
    const s = summarise([roundOf(10, 5), roundOf(30, 7, 1), roundOf(20, 6)], latencies);
    expect(s).toEqual({ rps: 20, p50Ms: 50, p99Ms: 99, ok: 18, failed: 1 });
  });

  it('takes the median of per-pair ratios, ignoring pairs without a reference', () => {
    expect(
      medianRatio(
        [roundOf(10), roundOf(30), roundOf(20)],
        [roundOf(100), roundOf(100), roundOf(100)],
      ),
    ).toBeCloseTo(0.2);
    expect(medianRatio([roundOf(10), roundOf(10)], [roundOf(0), roundOf(20)])).toBeCloseTo(0.5);
    expect(medianRatio([], [roundOf(1)])).toBeNaN();
  });

  it('telemetry overhead is the worse route, NaN when a pass is missing', () => {
    expect(
      telemetryOverhead({ products: 80, orders: 45 }, { products: 100, orders: 50 }),
    ).toBeCloseTo(0.2);
    expect(
      telemetryOverhead({ products: 110, orders: 50 }, { products: 100, orders: 50 }),
    ).toBeCloseTo(0);
    expect(
      telemetryOverhead({ products: 1, orders: 1 }, { products: Number.NaN, orders: 1 }),
    ).toBeNaN();
  });

  it('max ignores NaN', () => {
    expect(maxOf({ a: 1, b: Number.NaN, c: 3 })).toBe(3);
    expect(maxOf({ a: Number.NaN })).toBeNaN();
  });

  it('CPU per request in ms, largest first', () => {
    expect(cpuMsPerRequest({ gateway: 50, catalog: 150 }, 1000, 100)).toEqual([
      ['catalog', 1.5],
      ['gateway', 0.5],
    ]);
    expect(cpuMsPerRequest({ gateway: 1 }, 0, 100)[0][1]).toBeNaN();
  });
});
