/** Clock in milliseconds; injectable so tests and benchmarks control time. */
export type Clock = () => number;

/**
 * Two counters (`a`, `b`) over a sliding time window, kept in fixed buckets so recording is O(1) and old
 * samples age out without timers. Used by the failure-rate breaker (successes, failures) and the retry
 * budget (calls, retries).
 */
export class RollingWindow {
  private readonly bucketMs: number;
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  /** Absolute bucket number (time / bucketMs) each slot currently holds. */
  private readonly epochs: Float64Array;
  private sumA = 0;
  private sumB = 0;
  private lastEpoch = -Infinity;

  /**
   * @param windowMs window length in milliseconds
   * @param buckets number of buckets the window is split into; more buckets age samples out more smoothly
   * @param now clock in milliseconds, defaults to `Date.now`
   */
  constructor(
    windowMs: number,
    buckets: number,
    private readonly now: Clock = Date.now,
  ) {
    if (!(windowMs > 0) || !Number.isSafeInteger(buckets) || buckets < 1) {
      throw new RangeError(
        `RollingWindow needs windowMs > 0 and buckets >= 1, got ${windowMs}, ${buckets}`,
      );
    }
    this.bucketMs = windowMs / buckets;
    this.a = new Float64Array(buckets);
    this.b = new Float64Array(buckets);
    this.epochs = new Float64Array(buckets).fill(-1);
  }

  /** Adds to the first counter. */
  addA(n = 1): void {
    this.a[this.slot()] += n;
    this.sumA += n;
  }

  /** Adds to the second counter. */
  addB(n = 1): void {
    this.b[this.slot()] += n;
    this.sumB += n;
  }

  /** Total of the first counter over the window. */
  totalA(): number {
    this.slot();
    return this.sumA;
  }

  /** Total of the second counter over the window. */
  totalB(): number {
    this.slot();
    return this.sumB;
  }

  /** Forgets every sample. */
  reset(): void {
    this.a.fill(0);
    this.b.fill(0);
    this.epochs.fill(-1);
    this.sumA = 0;
    this.sumB = 0;
    this.lastEpoch = -Infinity;
  }

  /** Index of the current bucket, expiring the buckets that fell out of the window since the last call. */
  private slot(): number {
    const epoch = Math.floor(this.now() / this.bucketMs);
    const size = this.a.length;
    const index = epoch % size;
    if (epoch !== this.lastEpoch) {
      // Only buckets between the last seen epoch and now can be stale: clear at most `size` of them.
      const from = Math.max(this.lastEpoch + 1, epoch - size + 1);
      for (let e = from; e <= epoch; e++) {
        const i = e % size;
        if (this.epochs[i] !== e) {
          this.sumA -= this.a[i];
          this.sumB -= this.b[i];
          this.a[i] = 0;
          this.b[i] = 0;
          this.epochs[i] = e;
        }
      }
      if (epoch > this.lastEpoch) {
        this.lastEpoch = epoch;
      }
    }
    return index;
  }
}
