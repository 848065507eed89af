import type { BreakerState, BreakerTransition, CircuitBreaker } from '../breaker/circuit-breaker';

/** What health checks and the admin view read about one breaker. */
export interface BreakerSnapshot {
  readonly name: string;
  readonly state: BreakerState;
  /** Successful calls in the breaker's window. */
  readonly successes: number;
  /** Failed calls in the breaker's window. */
  readonly failures: number;
  /** Epoch milliseconds of the last state change, undefined if it never changed. */
  readonly lastTransitionAt: number | undefined;
  /** Why it last changed state, e.g. "probe failed: UnavailableError(UNAVAILABLE)". */
  readonly lastTransitionCause: string | undefined;
}

/** Thrown by the registry for a name no breaker has. */
export class UnknownBreakerError extends Error {
  /** Stable code callers branch on. */
  public readonly code = 'UNKNOWN_BREAKER';

  constructor(public readonly breaker: string) {
    super(`No circuit breaker named "${breaker}"`);
    this.name = 'UnknownBreakerError';
  }
}

/** Thrown when a second breaker is registered under a name already taken. */
export class DuplicateBreakerError extends Error {
  /** Stable code callers branch on. */
  public readonly code = 'DUPLICATE_BREAKER';

  constructor(public readonly breaker: string) {
    super(`A circuit breaker named "${breaker}" is already registered`);
    this.name = 'DuplicateBreakerError';
  }
}

/** Every circuit breaker of the process by name: state for health checks, isolate and reset for operators. */
export class BreakerRegistry {
  private readonly breakers = new Map<string, CircuitBreaker>();

  /**
   * Adds a breaker; names are unique because they are also metric labels.
   * @returns a handle whose `dispose` removes it again
   */
  register(breaker: CircuitBreaker): { dispose(): void } {
    if (this.breakers.has(breaker.name)) {
      throw new DuplicateBreakerError(breaker.name);
    }
    this.breakers.set(breaker.name, breaker);
    return {
      dispose: () => {
        if (this.breakers.get(breaker.name) === breaker) this.breakers.delete(breaker.name);
      },
    };
  }

  /** Names of all registered breakers. */
  names(): string[] {
    return [...this.breakers.keys()];
  }

  /** Snapshot of one breaker. */
  get(name: string): BreakerSnapshot {
    return snapshot(this.find(name));
  }

  /** Snapshots of all breakers, sorted by name. */
  list(): BreakerSnapshot[] {
    return [...this.breakers.values()].map(snapshot).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Forces a breaker open until {@link reset}: calls fail fast with `CircuitIsolatedError`. */
  isolate(name: string, cause = 'isolated manually'): BreakerSnapshot {
    const breaker = this.find(name);
    breaker.isolate(cause);
    return snapshot(breaker);
  }

  /** Closes a breaker (isolated, open or half-open) and clears its window. */
  reset(name: string, cause = 'reset manually'): BreakerSnapshot {
    const breaker = this.find(name);
    breaker.reset(cause);
    return snapshot(breaker);
  }

  private find(name: string): CircuitBreaker {
    const breaker = this.breakers.get(name);
    if (breaker === undefined) {
      throw new UnknownBreakerError(name);
    }
    return breaker;
  }
}

function snapshot(breaker: CircuitBreaker): BreakerSnapshot {
  const transition: BreakerTransition | undefined = breaker.lastTransition;
  const { successes, failures } = breaker.counts;
  return {
    name: breaker.name,
    state: breaker.state,
    successes,
    failures,
    lastTransitionAt: transition?.at,
    lastTransitionCause: transition?.cause,
  };
}

/** The process-wide registry policies join unless given another one. */
export const defaultBreakerRegistry = new BreakerRegistry();
