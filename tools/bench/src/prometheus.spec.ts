import {
  bucketDelta,
  histogramBuckets,
  histogramCount,
  histogramNames,
  histogramQuantile,
  parsePrometheus,
  quantileOverflows,
  sumOf,
  valuesOf,
} from './prometheus';

const exposition = `# HELP circuit_breaker_state Circuit breaker state (0=CLOSED, 1=OPEN, 2=HALF_OPEN)
# TYPE circuit_breaker_state gauge
circuit_breaker_state{service="payment"} 1
circuit_breaker_state{service="db"} 0
# TYPE messaging_retry_early_total counter
messaging_retry_early_total{topology="payments",tier="1s"} 0
messaging_retry_early_total{topology="payments",tier="2s"} 2
# TYPE payment_provider_calls counter
payment_provider_calls_total{result="breaker_open"} 7 1700000000000
payment_provider_calls_total{result="transient"} 3
# TYPE messaging_retry_lateness_ms histogram
messaging_retry_lateness_ms_count{tier="1s"} 10
messaging_retry_lateness_ms_sum{tier="1s"} 1234.5
messaging_retry_lateness_ms_bucket{tier="1s",le="0"} 0
messaging_retry_lateness_ms_bucket{tier="1s",le="100"} 5
messaging_retry_lateness_ms_bucket{tier="1s",le="1000"} 9
messaging_retry_lateness_ms_bucket{tier="1s",le="+Inf"} 10
messaging_retry_lateness_ms_bucket{tier="2s",le="0"} 0
messaging_retry_lateness_ms_bucket{tier="2s",le="100"} 10
messaging_retry_lateness_ms_bucket{tier="2s",le="1000"} 10
messaging_retry_lateness_ms_bucket{tier="2s",le="+Inf"} 10
odd_label{path="a \\"quoted\\" b, c"} 4
no_labels 2.5e3
broken{le="1" 3
`;

describe('Prometheus text parsing', () => {
  const samples = parsePrometheus(exposition);

  it('reads names, labels (with escapes), values and skips comments and broken lines', () => {
    expect(valuesOf(samples, 'circuit_breaker_state', { service: 'payment' })).toEqual([1]);
    expect(valuesOf(samples, 'odd_label')).toEqual([4]);
    expect(samples.find((s) => s.name === 'odd_label')?.labels['path']).toBe('a "quoted" b, c');
    expect(valuesOf(samples, 'no_labels')).toEqual([2500]);
    expect(samples.some((s) => s.name.startsWith('broken'))).toBe(false);
    expect(samples.some((s) => s.name.startsWith('#'))).toBe(false);
  });

  it('sums counters with or without the _total suffix, filtered by labels', () => {
    expect(sumOf(samples, 'messaging_retry_early_total')).toBe(2);
    expect(sumOf(samples, 'payment_provider_calls')).toBe(10);
    expect(sumOf(samples, 'payment_provider_calls_total', { result: 'breaker_open' })).toBe(7);
    expect(sumOf(samples, 'absent')).toBe(0);
  });

  it('merges histogram buckets over label sets, sorted, +Inf last', () => {
    expect(histogramNames(samples, 'messaging_retry_lateness')).toEqual([
      'messaging_retry_lateness_ms',
    ]);
    const buckets = histogramBuckets(samples, 'messaging_retry_lateness_ms');
    expect(buckets).toEqual([
      { le: 0, count: 0 },
      { le: 100, count: 15 },
      { le: 1000, count: 19 },
      { le: Number.POSITIVE_INFINITY, count: 20 },
    ]);
    expect(histogramCount(buckets)).toBe(20);
    expect(histogramBuckets(samples, 'messaging_retry_lateness_ms', { tier: '2s' })[1].count).toBe(
      10,
    );
  });
});

describe('quantiles from histogram buckets', () => {
  const buckets = [
    { le: 10, count: 50 },
    { le: 100, count: 90 },
    { le: 1000, count: 100 },
    { le: Number.POSITIVE_INFINITY, count: 100 },
  ];

  it('interpolates linearly inside the bucket holding the rank (like histogram_quantile)', () => {
    expect(histogramQuantile(buckets, 0.5)).toBe(10);
    expect(histogramQuantile(buckets, 0.25)).toBe(5);
    expect(histogramQuantile(buckets, 0.7)).toBe(55);
    expect(histogramQuantile(buckets, 0.99)).toBe(910);
    expect(histogramQuantile(buckets, 1)).toBe(1000);
  });

  it('answers the highest finite bound when the rank is in +Inf, NaN without observations', () => {
    const overflow = [
      { le: 10, count: 1 },
      { le: Number.POSITIVE_INFINITY, count: 10 },
    ];
    expect(histogramQuantile(overflow, 0.99)).toBe(10);
    expect(quantileOverflows(overflow, 0.99)).toBe(true);
    expect(quantileOverflows(buckets, 0.99)).toBe(false);
    expect(quantileOverflows([], 0.99)).toBe(false);
    expect(histogramQuantile([], 0.99)).toBeNaN();
    expect(histogramQuantile([{ le: Number.POSITIVE_INFINITY, count: 0 }], 0.5)).toBeNaN();
  });

  it('skips empty buckets and subtracts an earlier scrape', () => {
    const later = [
      { le: 0, count: 0 },
      { le: 100, count: 0 },
      { le: 1000, count: 4 },
      { le: Number.POSITIVE_INFINITY, count: 4 },
    ];
    expect(histogramQuantile(later, 0.5)).toBe(550);
    const earlier = [
      { le: 100, count: 0 },
      { le: 1000, count: 2 },
      { le: Number.POSITIVE_INFINITY, count: 2 },
    ];
    expect(bucketDelta(later, earlier)).toEqual([
      { le: 0, count: 0 },
      { le: 100, count: 0 },
      { le: 1000, count: 2 },
      { le: Number.POSITIVE_INFINITY, count: 2 },
    ]);
  });
});
