import { RollingWindow, type Clock } from '../breaker/rolling-window';

/** Settings of a {@link RetryBudget}. */
export interface RetryBudgetOptions {
  /** Retries allowed as a fraction of calls in the window, defaults to 0.1 (at most 1.1× the calls). */
  readonly ratio?: number;
  /** Retries always allowed per window however few calls there were, defaults to 3. */
  readonly minRetries?: number;
  /** Window length in milliseconds, defaults to 10000. */
  readonly windowMs?: number;
  /** Clock in milliseconds, defaults to `Date.now`. */
  readonly now?: Clock;
}

/**
 * Caps retries per dependency as Envoy's retry budget does: over a sliding window, retries may not exceed
 * `max(minRetries, ratio × calls)`, where calls are first attempts that reached the dependency. During a full
 * outage the dependency then receives at most (1 + ratio)× its normal calls instead of 3×, however many
 * callers retry at once. Neither cockatiel, opossum nor resilience4j offer this.
 */
export class RetryBudget {
  private readonly window: RollingWindow;
  private readonly ratio: number;
  private readonly minRetries: number;

  constructor(options: RetryBudgetOptions = {}) {
    this.ratio = options.ratio ?? 0.1;
    this.minRetries = options.minRetries ?? 3;
    if (!(this.ratio >= 0) || !(this.minRetries >= 0)) {
      throw new RangeError(`retry budget ratio and minRetries must be >= 0`);
    }
    this.window = new RollingWindow(options.windowMs ?? 10_000, 10, options.now);
  }

  /** Records a first attempt that reached the dependency. */
  recordCall(): void {
    this.window.addA();
  }

  /** Takes one retry from the budget; false when it is spent and the caller must not retry. */
  tryAcquire(): boolean {
    const retries = this.window.totalB();
    if (retries + 1 > Math.max(this.minRetries, this.ratio * this.window.totalA())) {
      return false;
    }
    this.window.addB();
    return true;
  }

  /** Calls and retries in the current window. */
  snapshot(): { calls: number; retries: number } {
    return { calls: this.window.totalA(), retries: this.window.totalB() };
  }
}
