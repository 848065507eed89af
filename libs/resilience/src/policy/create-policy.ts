import { type Attributes, type Meter } from '@opentelemetry/api';
import { CircuitBreaker, type BreakerTransition } from '../breaker/circuit-breaker';
import { Bulkhead } from '../bulkhead/bulkhead';
import type { ErrorClassifier } from '../classify/classification';
import { SafeEmitter } from '../events/safe-emitter';
import { describeError, silentLogger, type ResilienceLogger } from '../logger';
import { ResilienceMetrics } from '../metrics/resilience-metrics';
import { defaultBreakerRegistry, type BreakerRegistry } from '../registry/breaker-registry';
import { backoffDelay, type BackoffOptions } from '../retry/backoff';
import { RetryBudget } from '../retry/retry-budget';
import { Timeout, type AttemptContext } from '../timeout/timeout';
import {
  defaultPolicyConfig,
  mergePolicyConfig,
  resolveClassifier,
  validatePolicyConfig,
  type PolicyConfig,
  type PolicyOverrides,
} from './policy-config';
import type { PolicyEvent } from './policy-events';
import { recordingSpan } from './recording-span';
import { sleep } from './sleep';

/** Collaborators of a policy; all optional. */
export interface PolicyDeps {
  /** Meter for the metrics, defaults to the global `metrics.getMeter('@gaara/resilience')`. */
  readonly meter?: Meter;
  /** pino-compatible logger for state changes and listener errors, defaults to silent. */
  readonly logger?: ResilienceLogger;
  /** Registry the breaker joins, defaults to the process-wide one; `false` keeps it out of any registry. */
  readonly registry?: BreakerRegistry | false;
  /** Uniform random source in [0, 1) for backoff jitter, defaults to `Math.random`. */
  readonly random?: () => number;
}

/** An operation run under a policy: receives the attempt's signal, timeout and number. */
export type Operation<T> = (context: AttemptContext) => PromiseLike<T> | T;

/** A named, composed resilience policy for one dependency. */
export interface Policy {
  /** Dependency name; also the breaker's name and the `service` metric label. */
  readonly name: string;
  /** The effective settings: the defaults with the overrides layered on top. */
  readonly config: PolicyConfig;
  /** The breaker, for state, isolate and reset. */
  readonly breaker: CircuitBreaker;
  /** Everything the policy does, for hooks; listeners that throw are reported and ignored. */
  readonly events: SafeEmitter<PolicyEvent>;
  /**
   * Runs `fn` through retry → circuit breaker → bulkhead → timeout. Pass `context.signal` on to the client so a
   * timeout cancels the call. `signal` is the caller's own cancellation: once it aborts nothing is retried.
   */
  execute<T>(fn: Operation<T>, signal?: AbortSignal): Promise<T>;
  /** Leaves the registry and the state gauge. */
  dispose(): void;
}

/**
 * Builds the policy for dependency `name` (its breaker's and metrics' label) from {@link defaultPolicyConfig}
 * with the typed `overrides` layered on top: the caller states its dependency's settings, nothing is looked up
 * by name.
 *
 * Composition, outermost first: **retry → circuit breaker → bulkhead → timeout → operation**.
 * - Retry outside the breaker: every attempt asks the breaker again, so once it opens the next attempt is
 *   rejected at once, and `CircuitOpenError` is classified `caller` so it is never retried nor waits on backoff.
 * - Breaker outside the bulkhead: an open breaker answers before a slot, a queue place or a timer is taken, the
 *   cheapest possible rejection; and the breaker's failure filter ignores `BulkheadFullError` (classified
 *   `caller`), so a full bulkhead is not mistaken for a failing dependency.
 * - Bulkhead outside the timeout: it limits attempts actually in flight to the dependency; backoff waits hold
 *   no slot, and queue time does not eat into an attempt's timeout.
 * - Timeout innermost, per attempt: its `PolicyTimeoutError` passes through the breaker, which counts it as a
 *   failure, and it aborts the signal handed to the operation so the call is really cancelled.
 * - Retry budget: first attempts that reach the dependency are recorded at the timeout layer; a retry needs
 *   budget (≤ 10 % of calls by default) so an outage cannot triple the load.
 */
export function createPolicy(
  name: string,
  overrides?: PolicyOverrides,
  deps: PolicyDeps = {},
): Policy {
  const config = mergePolicyConfig(defaultPolicyConfig, overrides);
  validatePolicyConfig(name, config);
  return new ComposedPolicy(name, config, deps);
}

/** Backoff and retry limits read on every failed attempt. */
interface RetryPlan extends BackoffOptions {
  readonly maxAttempts: number;
}

class ComposedPolicy implements Policy {
  readonly breaker: CircuitBreaker;
  readonly events: SafeEmitter<PolicyEvent>;
  private readonly bulkhead: Bulkhead;
  private readonly timeout: Timeout;
  private readonly budget: RetryBudget;
  private readonly classify: ErrorClassifier;
  private readonly plan: RetryPlan;
  private readonly random: () => number;
  private readonly logger: ResilienceLogger;
  private readonly labels: Attributes;
  private readonly metrics: ResilienceMetrics;
  private readonly disposables: Array<{ dispose(): void }> = [];

  constructor(
    readonly name: string,
    readonly config: PolicyConfig,
    deps: PolicyDeps,
  ) {
    const metrics = ResilienceMetrics.for(deps.meter);
    const logger = deps.logger ?? silentLogger;
    const labels = ResilienceMetrics.labels(name);
    const onListenerError = (error: unknown): void =>
      logger.error({ policy: name, err: error }, 'resilience event listener threw; ignored');
    this.logger = logger;
    this.metrics = metrics;
    this.labels = labels;
    this.random = deps.random ?? Math.random;
    this.classify = resolveClassifier(config.classify);
    this.plan = { ...config.retry };
    this.events = new SafeEmitter(onListenerError);
    this.budget = new RetryBudget({
      ratio: config.retry.budgetRatio,
      minRetries: config.retry.budgetMinRetries,
      windowMs: config.retry.budgetWindowMs,
    });
    this.breaker = new CircuitBreaker(name, {
      ...config.breaker,
      classify: this.classify,
      onListenerError,
    });
    this.bulkhead = new Bulkhead(name, config.bulkhead.limit, config.bulkhead.queue, () => {
      metrics.bulkheadRejections.add(1, labels);
      if (this.events.size > 0) this.events.emit({ type: 'bulkhead-rejected' });
    });
    this.timeout = new Timeout(config.timeoutMs, () => {
      metrics.timeouts.add(1, labels);
      if (this.events.size > 0) this.events.emit({ type: 'timeout', timeoutMs: config.timeoutMs });
    });

    this.breaker.onFailure.on((error) => {
      metrics.failures.add(1, labels);
      if (this.events.size > 0) this.events.emit({ type: 'failure', error });
    });
    this.breaker.onReject.on((state) => {
      metrics.rejections.add(1, labels);
      if (this.events.size > 0) this.events.emit({ type: 'breaker-rejected', state });
    });
    this.breaker.onStateChange.on((transition) => {
      this.logTransition(transition);
      this.events.emit({ type: 'state-change', transition });
    });
    metrics.startAtZero(labels);
    this.disposables.push(metrics.track(this.breaker));
    if (deps.registry !== false) {
      this.disposables.push((deps.registry ?? defaultBreakerRegistry).register(this.breaker));
    }
  }

  execute<T>(fn: Operation<T>, signal?: AbortSignal): Promise<T> {
    if (this.plan.maxAttempts <= 1) {
      return this.attempt(fn, 1, signal);
    }
    return this.executeWithRetry(fn, signal);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  /** One attempt through breaker, bulkhead and timeout. */
  private attempt<T>(
    fn: Operation<T>,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    return this.breaker.execute(() => {
      this.metrics.calls.add(1, this.labels);
      return this.bulkhead.execute(() => {
        if (attempt === 1) this.budget.recordCall();
        return this.timeout.execute(fn, attempt, signal);
      }, signal);
    }, signal);
  }

  private async executeWithRetry<T>(fn: Operation<T>, signal: AbortSignal | undefined): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(fn, attempt, signal);
      } catch (error: unknown) {
        if (
          attempt >= this.plan.maxAttempts ||
          signal?.aborted === true ||
          this.classify(error) !== 'transient'
        ) {
          throw error;
        }
        if (!this.budget.tryAcquire()) {
          this.metrics.retryBudgetExhausted.add(1, this.labels);
          if (this.events.size > 0) this.events.emit({ type: 'retry-budget-exhausted', error });
          throw error;
        }
        const delayMs = backoffDelay(this.plan, attempt, this.random);
        this.metrics.retries.add(1, this.labels);
        recordingSpan()?.addEvent('resilience.retry', {
          'resilience.policy': this.name,
          'resilience.attempt': attempt + 1,
          'resilience.delay_ms': Math.round(delayMs),
          'resilience.error': describeError(error),
        });
        if (this.events.size > 0)
          this.events.emit({ type: 'retry', attempt: attempt + 1, delayMs, error });
        await sleep(delayMs, signal);
      }
    }
  }

  private logTransition(transition: BreakerTransition): void {
    const fields = {
      breaker: transition.breaker,
      from: transition.from,
      to: transition.to,
      cause: transition.cause,
    };
    if (transition.to === 'open' || transition.to === 'isolated') {
      this.logger.warn(fields, `circuit breaker ${transition.breaker} ${transition.to}`);
    } else {
      this.logger.info(fields, `circuit breaker ${transition.breaker} ${transition.to}`);
    }
    recordingSpan()?.addEvent('circuit_breaker.state_change', {
      'circuit_breaker.name': transition.breaker,
      'circuit_breaker.from': transition.from,
      'circuit_breaker.to': transition.to,
      'circuit_breaker.cause': transition.cause,
    });
  }
}
