import { CircuitState, type IBreaker } from 'cockatiel';
import { RollingWindow, type Clock } from './rolling-window';

/** Settings of a {@link FailureRateBreaker}. */
export interface FailureRateBreakerOptions {
  /** Failure ratio above which the breaker opens, in (0, 1), e.g. 0.5. */
  readonly threshold: number;
  /** Length of the sliding window, in milliseconds. */
  readonly windowMs: number;
  /** Calls needed in the window before the breaker may open. */
  readonly minimumCalls: number;
  /** Buckets the window is split into, defaults to 10. */
  readonly buckets?: number;
  /** Clock in milliseconds, defaults to `Date.now`. */
  readonly now?: Clock;
}

/** Why the breaker last decided to open; read by the registry. */
export interface BreakerVerdict {
  readonly failures: number;
  readonly calls: number;
  readonly rate: number;
}

/**
 * A failure-rate breaker for cockatiel's `CircuitBreakerPolicy`: opens when, over a sliding time window, at
 * least `minimumCalls` calls were seen and failures / calls > `threshold`.
 *
 * Why not cockatiel's own breakers: `SamplingBreaker` derives a minimum throughput (calls per second) from the
 * window that a low-traffic dependency such as payment never reaches, so it never opens; `CountBreaker` keeps
 * its last N samples forever, so failures from an hour ago still weigh on a quiet dependency. A time window with
 * an explicit minimum number of calls works at both one call per minute and thousands per second.
 */
export class FailureRateBreaker implements IBreaker {
  private readonly window: RollingWindow;
  private readonly threshold: number;
  private readonly minimumCalls: number;
  /** Numbers behind the last decision to open, for the registry's "cause". */
  public lastVerdict: BreakerVerdict | undefined;

  constructor(options: FailureRateBreakerOptions) {
    if (!(options.threshold > 0 && options.threshold < 1)) {
      throw new RangeError(`threshold must be in (0, 1), got ${options.threshold}`);
    }
    if (!Number.isSafeInteger(options.minimumCalls) || options.minimumCalls < 1) {
      throw new RangeError(`minimumCalls must be a positive integer, got ${options.minimumCalls}`);
    }
    this.threshold = options.threshold;
    this.minimumCalls = options.minimumCalls;
    this.window = new RollingWindow(options.windowMs, options.buckets ?? 10, options.now);
  }

  /** Serialisable counts, as cockatiel's `toJSON` expects; restoring them is not supported. */
  get state(): unknown {
    return { successes: this.successes, failures: this.failures };
  }

  set state(_value: unknown) {
    // Counts age out within one window anyway: a restored breaker starts from an empty window.
  }

  /** Successful calls in the window. */
  get successes(): number {
    return this.window.totalA();
  }

  /** Failed calls in the window. */
  get failures(): number {
    return this.window.totalB();
  }

  success(state: CircuitState): void {
    if (state === CircuitState.HalfOpen) {
      // The probe proved recovery: judge the dependency from now on, not on the outage's samples.
      this.window.reset();
    }
    this.window.addA();
  }

  failure(state: CircuitState): boolean {
    this.window.addB();
    if (state !== CircuitState.Closed) {
      return true;
    }
    const failures = this.window.totalB();
    const calls = failures + this.window.totalA();
    if (calls < this.minimumCalls || failures <= this.threshold * calls) {
      return false;
    }
    this.lastVerdict = { failures, calls, rate: failures / calls };
    return true;
  }

  /** Forgets the window (manual reset). */
  reset(): void {
    this.window.reset();
  }
}
