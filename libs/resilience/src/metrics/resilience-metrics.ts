import { metrics, type Attributes, type Counter, type Meter } from '@opentelemetry/api';
import { breakerStateValue, type BreakerState } from '../breaker/circuit-breaker';

/** Kinds of fallback answers counted by `resilience_fallbacks_total{kind}`. */
export type FallbackKind = 'cache' | 'stale' | 'degraded';

/** Something whose breaker state the `circuit_breaker_state` gauge reports. */
export interface StateSource {
  readonly name: string;
  readonly state: BreakerState;
}

/**
 * The library's instruments on one OpenTelemetry Meter. Counter names carry no `_total`: the Prometheus
 * exporter appends it, so the exposed names are exactly the spec's (`circuit_breaker_failures_total`...).
 * Every series is labelled `service` = the policy (dependency) name.
 */
export class ResilienceMetrics {
  private static readonly byMeter = new WeakMap<Meter, ResilienceMetrics>();
  private readonly sources = new Set<StateSource>();
  readonly calls: Counter;
  readonly failures: Counter;
  readonly rejections: Counter;
  readonly retries: Counter;
  readonly retryBudgetExhausted: Counter;
  readonly timeouts: Counter;
  readonly bulkheadRejections: Counter;
  readonly fallbacks: Counter;

  /** The instruments of `meter`, created once per meter (defaults to the global `@gaara/resilience` meter). */
  static for(meter: Meter = metrics.getMeter('@gaara/resilience')): ResilienceMetrics {
    let instance = ResilienceMetrics.byMeter.get(meter);
    if (instance === undefined) {
      instance = new ResilienceMetrics(meter);
      ResilienceMetrics.byMeter.set(meter, instance);
    }
    return instance;
  }

  private constructor(meter: Meter) {
    meter
      .createObservableGauge('circuit_breaker_state', {
        description: 'Circuit breaker state (0=CLOSED, 1=OPEN, 2=HALF_OPEN)',
      })
      .addCallback((result) => {
        for (const source of this.sources) {
          result.observe(breakerStateValue[source.state], { service: source.name });
        }
      });
    this.calls = meter.createCounter('circuit_breaker_calls', {
      description: 'Calls the circuit breaker let through to the dependency (each attempt)',
    });
    this.failures = meter.createCounter('circuit_breaker_failures', {
      description: 'Calls the circuit breaker counted as dependency failures',
    });
    this.rejections = meter.createCounter('circuit_breaker_rejections', {
      description: 'Calls rejected by an open, half-open (probe busy) or isolated circuit breaker',
    });
    this.retries = meter.createCounter('resilience_retries', { description: 'Retries started' });
    this.retryBudgetExhausted = meter.createCounter('resilience_retry_budget_exhausted', {
      description: 'Retries refused because the retry budget was spent',
    });
    this.timeouts = meter.createCounter('resilience_timeouts', {
      description: 'Attempts that timed out',
    });
    this.bulkheadRejections = meter.createCounter('resilience_bulkhead_rejections', {
      description: 'Calls rejected because the bulkhead and its queue were full',
    });
    this.fallbacks = meter.createCounter('resilience_fallbacks', {
      description: 'Answers served by a fallback (cache, stale, degraded)',
    });
  }

  /**
   * Exports 0 for every counter of one dependency: the exporter shows a series only after its first add, and
   * `increase()` cannot see the step from no series to the first value, so alerts would miss the first burst.
   */
  startAtZero(labels: Attributes): void {
    for (const counter of [
      this.calls,
      this.failures,
      this.rejections,
      this.retries,
      this.retryBudgetExhausted,
      this.timeouts,
      this.bulkheadRejections,
    ]) {
      counter.add(0, labels);
    }
  }

  /** Adds a breaker to the state gauge. */
  track(source: StateSource): { dispose(): void } {
    this.sources.add(source);
    return { dispose: () => this.sources.delete(source) };
  }

  /** Label set for a dependency, shared so hot paths do not allocate one per call. */
  static labels(service: string): Attributes {
    return { service };
  }
}
