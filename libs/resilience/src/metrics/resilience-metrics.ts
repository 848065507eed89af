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
 * The counters, by field: exported name (without `_total`: the Prometheus exporter appends it, so the exposed
 * names are exactly the spec's, `circuit_breaker_failures_total`...) and description.
 */
const counterSpecs = {
  calls: ['circuit_breaker_calls', 'Calls the circuit breaker let through (each attempt)'],
  failures: ['circuit_breaker_failures', 'Calls the circuit breaker counted as failures'],
  rejections: [
    'circuit_breaker_rejections',
    'Calls refused by an open, probing or isolated breaker',
  ],
  retries: ['resilience_retries', 'Retries started'],
  retryBudgetExhausted: ['resilience_retry_budget_exhausted', 'Retries refused: budget spent'],
  timeouts: ['resilience_timeouts', 'Attempts that timed out'],
  bulkheadRejections: ['resilience_bulkhead_rejections', 'Calls refused: bulkhead full'],
  fallbacks: ['resilience_fallbacks', 'Answers served by a fallback (cache, stale, degraded)'],
} as const satisfies Record<string, readonly [name: string, description: string]>;

/** Counters that start at zero for every dependency (fallbacks are by kind, so they do not). */
const zeroStarted = [
  'calls',
  'failures',
  'rejections',
  'retries',
  'retryBudgetExhausted',
  'timeouts',
  'bulkheadRejections',
] as const satisfies readonly (keyof typeof counterSpecs)[];

/**
 * The library's instruments on one OpenTelemetry Meter (names in `counterSpecs`). Every series is labelled
 * `service` = the policy (dependency) name.
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
    const counter = (field: keyof typeof counterSpecs): Counter => {
      const [name, description] = counterSpecs[field];
      return meter.createCounter(name, { description });
    };
    this.calls = counter('calls');
    this.failures = counter('failures');
    this.rejections = counter('rejections');
    this.retries = counter('retries');
    this.retryBudgetExhausted = counter('retryBudgetExhausted');
    this.timeouts = counter('timeouts');
    this.bulkheadRejections = counter('bulkheadRejections');
    this.fallbacks = counter('fallbacks');
  }

  /**
   * Exports 0 for every counter of one dependency: the exporter shows a series only after its first add, and
   * `increase()` cannot see the step from no series to the first value, so alerts would miss the first burst.
   */
  startAtZero(labels: Attributes): void {
    for (const field of zeroStarted) this[field].add(0, labels);
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
