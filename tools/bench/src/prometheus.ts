// Reading a service's Prometheus text exposition: samples, sums and quantiles estimated from histogram buckets.

/** One sample line: `name{label="value",...} value [timestamp]`. */
export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Label filter: every listed label must have exactly this value. */
export type LabelFilter = Readonly<Record<string, string>>;

function parseValue(text: string): number {
  switch (text) {
    case '+Inf':
    case 'Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    case 'NaN':
      return Number.NaN;
    default:
      return Number(text);
  }
}

/** Parses `a="x",b="y\"z"` (escapes \\, \" and \n) into a record; undefined when malformed. */
function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === ',') i += 1;
    if (i >= text.length) break;
    const eq = text.indexOf('=', i);
    if (eq < 0 || text[eq + 1] !== '"') return undefined;
    const key = text.slice(i, eq).trim();
    let value = '';
    let j = eq + 2;
    for (; j < text.length && text[j] !== '"'; j += 1) {
      if (text[j] === '\\' && j + 1 < text.length) {
        j += 1;
        value += text[j] === 'n' ? '\n' : text[j];
      } else {
        value += text[j];
      }
    }
    if (j >= text.length) return undefined;
    labels[key] = value;
    i = j + 1;
  }
  return labels;
}

/** Every sample of a Prometheus text exposition; comments, blank and malformed lines are skipped. */
export function parsePrometheus(text: string): PromSample[] {
  const samples: PromSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const brace = line.indexOf('{');
    const space = line.indexOf(' ');
    let name: string;
    let labels: Record<string, string> | undefined = {};
    let rest: string;
    if (brace >= 0 && (space < 0 || brace < space)) {
      const close = line.lastIndexOf('}');
      if (close < brace) continue;
      name = line.slice(0, brace);
      labels = parseLabels(line.slice(brace + 1, close));
      rest = line.slice(close + 1).trim();
    } else {
      if (space < 0) continue;
      name = line.slice(0, space);
      rest = line.slice(space + 1).trim();
    }
    if (labels === undefined || name === '') continue;
    const value = parseValue(rest.split(/\s+/)[0] ?? '');
    if (rest === '' || (Number.isNaN(value) && !rest.startsWith('NaN'))) continue;
    samples.push({ name, labels, value });
  }
  return samples;
}

function matches(sample: PromSample, filter: LabelFilter): boolean {
  return Object.entries(filter).every(([k, v]) => sample.labels[k] === v);
}

/** Sum of the samples named `name` (or `name_total`, as exporters append it to counters) matching `filter`. */
export function sumOf(
  samples: readonly PromSample[],
  name: string,
  filter: LabelFilter = {},
): number {
  let sum = 0;
  for (const s of samples) {
    if ((s.name === name || s.name === `${name}_total`) && matches(s, filter)) sum += s.value;
  }
  return sum;
}

/** Values of the samples named `name` matching `filter` (e.g. one gauge per label set). */
export function valuesOf(
  samples: readonly PromSample[],
  name: string,
  filter: LabelFilter = {},
): number[] {
  return samples.filter((s) => s.name === name && matches(s, filter)).map((s) => s.value);
}

/** One cumulative bucket: observations ≤ `le`. */
export interface Bucket {
  readonly le: number;
  readonly count: number;
}

/**
 * The cumulative buckets of histogram `name` (its `<name>_bucket` samples), summed over every label set that
 * matches `filter`, sorted by bound; the +Inf bucket is last.
 */
export function histogramBuckets(
  samples: readonly PromSample[],
  name: string,
  filter: LabelFilter = {},
): Bucket[] {
  const byLe = new Map<number, number>();
  for (const s of samples) {
    if (s.name !== `${name}_bucket` || !matches(s, filter)) continue;
    const le = parseValue(s.labels['le'] ?? '');
    if (Number.isNaN(le)) continue;
    byLe.set(le, (byLe.get(le) ?? 0) + s.value);
  }
  return [...byLe.entries()].sort((a, b) => a[0] - b[0]).map(([le, count]) => ({ le, count }));
}

/** Names of the histograms in `samples` (from their `_bucket` samples) starting with `prefix`. */
export function histogramNames(samples: readonly PromSample[], prefix: string): string[] {
  const names = new Set<string>();
  for (const s of samples) {
    if (s.name.startsWith(prefix) && s.name.endsWith('_bucket')) names.add(s.name.slice(0, -7));
  }
  return [...names];
}

/**
 * The q-quantile (0..1) estimated from cumulative buckets, as PromQL's histogram_quantile does: linear
 * interpolation inside the bucket holding the rank (from 0 for the first bucket); when the rank falls into
 * the +Inf bucket, the highest finite bound. NaN without observations.
 */
export function histogramQuantile(buckets: readonly Bucket[], q: number): number {
  if (buckets.length === 0) return Number.NaN;
  const total = buckets[buckets.length - 1].count;
  if (!(total > 0)) return Number.NaN;
  const rank = Math.min(1, Math.max(0, q)) * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bucket of buckets) {
    if (bucket.count >= rank && bucket.count > lowerCount) {
      if (bucket.le === Number.POSITIVE_INFINITY) return lowerBound;
      const inBucket = bucket.count - lowerCount;
      return lowerBound + ((bucket.le - lowerBound) * (rank - lowerCount)) / inBucket;
    }
    if (bucket.le !== Number.POSITIVE_INFINITY) lowerBound = bucket.le;
    lowerCount = bucket.count;
  }
  return lowerBound;
}

/** Total observations of cumulative buckets (the +Inf bucket's count), 0 when empty. */
export function histogramCount(buckets: readonly Bucket[]): number {
  return buckets.length === 0 ? 0 : buckets[buckets.length - 1].count;
}

/** Bucket-wise `later − earlier` (observations made between two scrapes); bounds missing earlier count 0. */
export function bucketDelta(later: readonly Bucket[], earlier: readonly Bucket[]): Bucket[] {
  const before = new Map(earlier.map((b) => [b.le, b.count]));
  return later.map((b) => ({ le: b.le, count: b.count - (before.get(b.le) ?? 0) }));
}

/** True when the q-quantile's rank lies past the highest finite bound (the estimate is only a lower bound). */
export function quantileOverflows(buckets: readonly Bucket[], q: number): boolean {
  const total = histogramCount(buckets);
  const finite = buckets.filter((b) => b.le !== Number.POSITIVE_INFINITY);
  if (!(total > 0) || finite.length === 0) return false;
  return finite[finite.length - 1].count < Math.min(1, Math.max(0, q)) * total;
}
