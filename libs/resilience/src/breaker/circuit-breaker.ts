import {
  type CircuitBreakerPolicy,
  CircuitState,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  isIsolatedCircuitError,
  type IDisposable,
} from 'cockatiel';
import type { ErrorClassifier } from '../classify/classification';
import { CircuitIsolatedError, CircuitOpenError } from '../errors/circuit-open-error';
import { SafeEmitter } from '../events/safe-emitter';
import { describeError } from '../logger';
import { FailureRateBreaker } from './failure-rate-breaker';

/** Breaker states as reported to people and health checks. */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'isolated';

/** Numeric value of each state for the `circuit_breaker_state` gauge (isolated is open to the outside). */
export const breakerStateValue: Readonly<Record<BreakerState, number>> = {
  closed: 0,
  open: 1,
  'half-open': 2,
  isolated: 1,
};

/** One state change, as emitted, logged and recorded by the registry. */
export interface BreakerTransition {
  readonly breaker: string;
  readonly from: BreakerState;
  readonly to: BreakerState;
  /** Human-readable reason, e.g. "failure rate 0.60 > 0.5 over 10 calls". Never contains error messages. */
  readonly cause: string;
  /** Epoch milliseconds. */
  readonly at: number;
}

/** Settings of a {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Failure ratio above which the breaker opens, in (0, 1). */
  readonly threshold: number;
  /** Sliding window for the failure rate, in milliseconds. */
  readonly windowMs: number;
  /** Calls needed in the window before the breaker may open. */
  readonly minimumCalls: number;
  /** How long the breaker stays open before admitting probes, in milliseconds. */
  readonly openMs: number;
  /** Successful probes needed in half-open to close; one failed probe reopens. */
  readonly halfOpenProbes: number;
  /** Which errors count as dependency failures (anything not classified `caller`). */
  readonly classify: ErrorClassifier;
  /** Reports a listener that threw. */
  readonly onListenerError: (error: unknown) => void;
}

const stateNames: Readonly<Record<CircuitState, BreakerState>> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/**
 * A failure-rate circuit breaker: cockatiel's `CircuitBreakerPolicy` driven by a {@link FailureRateBreaker},
 * with three corrections of cockatiel's behaviour:
 * - an open (or isolated) breaker is answered here, synchronously checked before cockatiel runs, with a
 *   {@link CircuitOpenError}, and every rejection is counted (cockatiel emits no event for it);
 * - in half-open, calls beyond the admitted probes fail fast instead of waiting for the probe's verdict;
 * - state changes go through a {@link SafeEmitter}, so a throwing listener cannot break a call.
 *
 * Time comes from `Date.now` because cockatiel reads it for the open duration; tests use fake timers.
 */
export class CircuitBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private readonly rate: FailureRateBreaker;
  private readonly openMs: number;
  private readonly probes: number;
  private openedAt = 0;
  private probesAdmitted = 0;
  private previous: BreakerState = 'closed';
  private pendingCause: string | undefined;
  private isolation: IDisposable | undefined;
  /** Set while `reset` passes through cockatiel's Isolated state, which nobody should see. */
  private muted = false;
  /** Last state change, for the registry; undefined until the first one. */
  public lastTransition: BreakerTransition | undefined;
  /** Fired once per state change. */
  public readonly onStateChange: SafeEmitter<BreakerTransition>;
  /** Fired for every call counted as a dependency failure. */
  public readonly onFailure: SafeEmitter<unknown>;
  /** Fired for every call rejected without running. */
  public readonly onReject: SafeEmitter<BreakerState>;

  constructor(
    readonly name: string,
    options: CircuitBreakerOptions,
  ) {
    this.openMs = options.openMs;
    this.probes = options.halfOpenProbes;
    this.onStateChange = new SafeEmitter(options.onListenerError);
    this.onFailure = new SafeEmitter(options.onListenerError);
    this.onReject = new SafeEmitter(options.onListenerError);
    this.rate = new FailureRateBreaker({
      threshold: options.threshold,
      windowMs: options.windowMs,
      minimumCalls: options.minimumCalls,
    });
    const classify = options.classify;
    this.policy = circuitBreaker(
      // Called exactly once per failed call, so it is also where failures are counted.
      handleWhen((error) => {
        if (classify(error) === 'caller') {
          return false;
        }
        this.onFailure.emit(error);
        return true;
      }),
      {
        breaker: this.rate,
        halfOpenAfter: options.openMs,
        // threshold 0: any failed probe reopens; all `probes` must succeed to close.
        halfOpenSampling: { calls: options.halfOpenProbes, threshold: 0 },
      },
    );
    this.policy.onBreak((reason) => {
      this.openedAt = Date.now();
      if (this.pendingCause === undefined) {
        this.pendingCause = this.breakCause(reason);
      }
    });
    this.policy.onHalfOpen(() => {
      this.probesAdmitted = 0;
    });
    this.policy.onStateChange((state) => this.transition(stateNames[state]));
  }

  /** Current state. */
  get state(): BreakerState {
    return stateNames[this.policy.state];
  }

  /** Successful and failed calls in the current window. */
  get counts(): { successes: number; failures: number } {
    return { successes: this.rate.successes, failures: this.rate.failures };
  }

  /**
   * Runs `fn` if the breaker admits it, otherwise rejects at once with {@link CircuitOpenError} (or
   * {@link CircuitIsolatedError}) without calling it.
   */
  execute<T>(
    fn: (context: { signal: AbortSignal }) => PromiseLike<T> | T,
    signal?: AbortSignal,
  ): Promise<T> {
    const state = this.policy.state;
    if (state === CircuitState.Closed) {
      return this.policy.execute(fn, signal);
    }
    if (state === CircuitState.Isolated) {
      return this.reject(new CircuitIsolatedError(this.name));
    }
    if (state === CircuitState.HalfOpen) {
      if (this.probesAdmitted >= this.probes) {
        return this.reject(new CircuitOpenError(this.name));
      }
      this.probesAdmitted++;
      return this.guard(this.policy.execute(fn, signal));
    }
    if (Date.now() - this.openedAt < this.openMs) {
      return this.reject(new CircuitOpenError(this.name));
    }
    // Open long enough: cockatiel moves to half-open synchronously inside execute and runs this call as a probe.
    this.pendingCause = 'open duration elapsed';
    const result = this.guard(this.policy.execute(fn, signal));
    if (this.policy.state === CircuitState.HalfOpen) {
      this.probesAdmitted++;
    } else {
      this.pendingCause = undefined;
    }
    return result;
  }

  /** Holds the breaker open until {@link reset}; calls reject with {@link CircuitIsolatedError}. */
  isolate(cause = 'isolated manually'): void {
    if (this.isolation === undefined) {
      this.pendingCause = cause;
      this.isolation = this.policy.isolate();
    }
  }

  /** Closes the breaker whatever its state and forgets the window. */
  reset(cause = 'reset manually'): void {
    this.rate.reset();
    const isolation = this.isolation;
    this.isolation = undefined;
    if (isolation !== undefined) {
      this.pendingCause = cause;
      isolation.dispose();
      return;
    }
    if (this.policy.state !== CircuitState.Closed) {
      // cockatiel has no "close": isolating then releasing passes through Isolated to Closed.
      this.muted = true;
      const handle = this.policy.isolate();
      this.muted = false;
      this.pendingCause = cause;
      handle.dispose();
    }
  }

  private reject<T>(error: Error): Promise<T> {
    this.onReject.emit(this.state);
    return Promise.reject(error);
  }

  /** Converts a late `BrokenCircuitError` from cockatiel (a probe race) into ours and counts it. */
  private guard<T>(promise: Promise<T>): Promise<T> {
    return promise.catch((error: unknown) => {
      if (isIsolatedCircuitError(error) && !(error instanceof CircuitIsolatedError)) {
        return this.reject<T>(new CircuitIsolatedError(this.name));
      }
      if (isBrokenCircuitError(error) && !(error instanceof CircuitOpenError)) {
        return this.reject<T>(new CircuitOpenError(this.name));
      }
      throw error;
    });
  }

  private breakCause(reason: unknown): string {
    if (this.previous === 'half-open') {
      const failure = reason as { error?: unknown };
      return `probe failed: ${describeError(failure.error)}`;
    }
    const verdict = this.rate.lastVerdict;
    return verdict
      ? `failure rate ${verdict.rate.toFixed(2)} over ${verdict.calls} calls exceeded the threshold`
      : 'failure rate exceeded the threshold';
  }

  private transition(to: BreakerState): void {
    const from = this.previous;
    if (this.muted || from === to) {
      return;
    }
    this.previous = to;
    const cause =
      this.pendingCause ??
      (from === 'half-open' && to === 'closed' ? 'probes succeeded' : `${from} to ${to}`);
    this.pendingCause = undefined;
    const transition: BreakerTransition = { breaker: this.name, from, to, cause, at: Date.now() };
    this.lastTransition = transition;
    this.onStateChange.emit(transition);
  }
}
