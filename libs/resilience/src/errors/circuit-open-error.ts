import { BrokenCircuitError, IsolatedCircuitError } from 'cockatiel';

/**
 * The breaker rejected the call without touching the dependency: it is open, or half-open with its probes
 * already in flight. Extends cockatiel's `BrokenCircuitError` so `isBrokenCircuitError` still recognises it.
 */
export class CircuitOpenError extends BrokenCircuitError {
  /** Stable code callers branch on. */
  public readonly code = 'CIRCUIT_OPEN';

  constructor(public readonly breaker: string) {
    super(`Circuit breaker "${breaker}" is open`);
    this.name = 'CircuitOpenError';
  }
}

/** The breaker was forced open by an operator (registry `isolate`); it stays open until `reset`. */
export class CircuitIsolatedError extends IsolatedCircuitError {
  /** Stable code callers branch on. */
  public readonly code = 'CIRCUIT_ISOLATED';

  constructor(public readonly breaker: string) {
    super();
    this.message = `Circuit breaker "${breaker}" is isolated`;
    this.name = 'CircuitIsolatedError';
  }
}
