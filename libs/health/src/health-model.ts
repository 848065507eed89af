/** Health of one dependency: works, works partly (or is being probed), or does not answer. */
export type DependencyHealth = 'healthy' | 'degraded' | 'unavailable';

/** What sort of thing a dependency is. */
export type DependencyKind = 'database' | 'kafka' | 'service' | 'breaker';

/** Health of the whole system: healthy only when every dependency is healthy. */
export type OverallHealth = 'healthy' | 'degraded';

/** State of the breaker guarding a dependency, as @gaara/resilience reports it. */
export type GuardState = 'closed' | 'open' | 'half-open' | 'isolated';

/** One entry of a health report. */
export interface DependencyReport {
  /** Unique within a report, e.g. `catalog`, `catalog.database`, `breaker:catalog`. */
  readonly name: string;
  readonly kind: DependencyKind;
  readonly status: DependencyHealth;
  /** Short, sanitized explanation when not healthy; never internal error text. */
  readonly detail: string;
  /** State of the breaker in front of it, for breakers and services reached through one. */
  readonly breakerState?: GuardState;
}

/** The system's health at one moment. */
export interface HealthReport {
  readonly overall: OverallHealth;
  /** Every dependency, sorted by kind then name so reports diff cleanly. */
  readonly dependencies: readonly DependencyReport[];
  /** Epoch milliseconds the report was assembled. */
  readonly checkedAt: number;
}
