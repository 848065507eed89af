import { median, quantile, round } from './stats';

describe('bench statistics', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('nearest-rank quantiles', () => {
    const samples = Float64Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(quantile(samples, 0.5)).toBe(50);
    expect(quantile(samples, 0.99)).toBe(99);
    expect(round(1.23456, 2)).toBe(1.23);
  });
});
