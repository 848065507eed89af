import { commonV1 } from '@gaara/contracts';
import type { DependencyHealth, DependencyReport, GuardState } from '@gaara/health';
import type { SectionReading } from '../dashboard/section-source';
import type { DependencyProbe } from './dependency-probe';

/** Options of {@link ProviderBreakerProbe}. */
export interface ProviderBreakerProbeOptions {
  /** The breaker's name in the service's stats, e.g. "payment". */
  readonly breaker: string;
  /** The service reporting it, e.g. "payment". */
  readonly service: string;
  /** Reads the service's stats (shared with the dashboard's section). */
  readonly readStats: () => Promise<
    SectionReading<{ readonly breakers: readonly commonV1.BreakerStatus[] }>
  >;
}

const guardStates: Readonly<Partial<Record<commonV1.BreakerState, GuardState>>> = {
  [commonV1.BreakerState.CLOSED]: 'closed',
  [commonV1.BreakerState.OPEN]: 'open',
  [commonV1.BreakerState.HALF_OPEN]: 'half-open',
};

// An open provider breaker degrades, not breaks, the system: work is queued for retry meanwhile.
const healthOf: Readonly<Record<GuardState, DependencyHealth>> = {
  closed: 'healthy',
  'half-open': 'degraded',
  open: 'degraded',
  isolated: 'degraded',
};

/**
 * A breaker another service keeps in front of its provider (payment's `payment`, notification's `email`), as
 * that service's stats report it. When the service cannot be asked the entry says so instead of guessing.
 */
export class ProviderBreakerProbe implements DependencyProbe {
  constructor(private readonly options: ProviderBreakerProbeOptions) {}

  async probe(): Promise<readonly DependencyReport[]> {
    const { breaker, service } = this.options;
    const name = `breaker:${breaker}`;
    const reading = await this.options.readStats();
    if (reading.status !== 'ok' || reading.data === null) {
      return [
        {
          name,
          kind: 'breaker',
          status: 'degraded',
          detail: `unknown: ${reading.detail || `${service} does not answer`}`,
        },
      ];
    }
    const reported = reading.data.breakers.find((entry) => entry.name === breaker);
    const state = reported === undefined ? undefined : guardStates[reported.state];
    if (state === undefined) {
      return [
        {
          name,
          kind: 'breaker',
          status: 'degraded',
          detail: `unknown: ${service} reports no state for it`,
        },
      ];
    }
    return [
      {
        name,
        kind: 'breaker',
        status: healthOf[state],
        detail: state === 'closed' ? '' : `${service} provider breaker ${state}`,
        breakerState: state,
      },
    ];
  }

  // A late answer says no more about the breaker than none: unknown, like a service that does not answer.
  late(budgetMs: number): readonly DependencyReport[] {
    const { breaker, service } = this.options;
    return [
      {
        name: `breaker:${breaker}`,
        kind: 'breaker',
        status: 'degraded',
        detail: `unknown: ${service} did not answer within ${budgetMs} ms`,
      },
    ];
  }
}
