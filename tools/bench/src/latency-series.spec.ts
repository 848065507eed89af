import { LatencySeries } from './latency-series';

describe('LatencySeries', () => {
  it('gives nearest-rank percentiles over every sample, growing past its first buffer', () => {
    const series = new LatencySeries();
    for (let i = 5000; i >= 1; i--) series.add(i / 10);
    expect(series.count).toBe(5000);
    expect(series.quantileMs(0.5)).toBe(250);
    expect(series.quantileMs(0.99)).toBe(495);
    expect(series.quantileMs(1)).toBe(500);
  });

  it('is NaN when empty', () => {
    expect(new LatencySeries().quantileMs(0.5)).toBeNaN();
  });

  it('keeps at most its capacity and counts what it dropped', () => {
    const series = new LatencySeries(3);
    for (const ms of [1, 2, 3, 4, 5]) series.add(ms);
    expect(series.count).toBe(3);
    expect(series.dropped).toBe(2);
    expect(series.quantileMs(1)).toBe(3);
  });
});
