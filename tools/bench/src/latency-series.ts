// Every answer's latency of one measured series (e.g. the store's product lookups over all rounds), kept so
// percentiles are exact over the pooled rounds rather than a median of per-round percentiles.
import { quantile } from './stats';

export class LatencySeries {
  private values = new Float64Array(1024);
  private size = 0;
  /** Samples not kept because `capacity` was reached (reported; percentiles then cover the first ones). */
  dropped = 0;

  /** `capacity`: samples kept at most (default 2,000,000 ≈ 16 MB), a bound on the bench's own memory. */
  constructor(private readonly capacity = 2_000_000) {}

  /** Records one latency in milliseconds. */
  add(ms: number): void {
    if (this.size >= this.capacity) {
      this.dropped += 1;
      return;
    }
    if (this.size === this.values.length) {
      const grown = new Float64Array(Math.min(this.capacity, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.size] = ms;
    this.size += 1;
  }

  get count(): number {
    return this.size;
  }

  /** The q-quantile (0..1, nearest rank) in milliseconds; NaN when empty. */
  quantileMs(q: number): number {
    return quantile(this.values.subarray(0, this.size), q);
  }
}
