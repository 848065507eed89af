import type { DependencyHealth, DependencyReport, GuardState } from './health-model';

/** What the health rules need from a breaker snapshot of @gaara/resilience's registry. */
export interface BreakerView {
  readonly name: string;
  readonly state: GuardState;
  /** Epoch milliseconds of the last state change. */
  readonly lastTransitionAt?: number | undefined;
}

/** Closed is healthy, half-open (probing) degraded, open or isolated unavailable. */
export function breakerStateHealth(state: GuardState): DependencyHealth {
  switch (state) {
    case 'closed':
      return 'healthy';
    case 'half-open':
      return 'degraded';
    case 'open':
    case 'isolated':
      return 'unavailable';
  }
}

/** The health entry of one breaker, named `<prefix><breaker name>` (prefix defaults to `breaker:`). */
export function breakerDependency(breaker: BreakerView, prefix = 'breaker:'): DependencyReport {
  const since =
    breaker.lastTransitionAt === undefined
      ? ''
      : ` since ${new Date(breaker.lastTransitionAt).toISOString()}`;
  return {
    name: `${prefix}${breaker.name}`,
    kind: 'breaker',
    status: breakerStateHealth(breaker.state),
    detail: breaker.state === 'closed' ? '' : `breaker ${breaker.state}${since}`,
    breakerState: breaker.state,
  };
}
