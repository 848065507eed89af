import { aggregatorV1 } from '@gaara/contracts';
import type { GrpcClient } from '@gaara/grpc';
import {
  breakerDependency,
  failureDetail,
  overallHealth,
  type DependencyHealth,
  type DependencyReport,
  type OverallHealth,
} from '@gaara/health';
import type { BreakerRegistry, Policy } from '@gaara/resilience';

/** Body of GET /health, shaped like the spec's example. */
export interface HealthBody {
  readonly status: OverallHealth;
  readonly timestamp: string;
  readonly services: Readonly<Record<string, DependencyHealth>>;
  /** Why each non-healthy entry is not healthy, sanitized. */
  readonly details: Readonly<Record<string, string>>;
}

const statusNames: Readonly<Record<aggregatorV1.DependencyStatus, DependencyHealth>> = {
  [aggregatorV1.DependencyStatus.UNSPECIFIED]: 'unavailable',
  [aggregatorV1.DependencyStatus.HEALTHY]: 'healthy',
  [aggregatorV1.DependencyStatus.DEGRADED]: 'degraded',
  [aggregatorV1.DependencyStatus.UNAVAILABLE]: 'unavailable',
};

/**
 * The system's health as the gateway answers it: the aggregator's view of every dependency, the aggregator
 * itself, and the gateway's own breakers (`external_api` as the spec names it, the others `gateway.breaker:*`).
 */
export class GatewayHealth {
  constructor(
    private readonly aggregator: Pick<
      GrpcClient<typeof aggregatorV1.AggregatorService>,
      'getHealth'
    >,
    private readonly policy: Policy,
    private readonly registry: BreakerRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  async check(): Promise<HealthBody> {
    const entries = [...(await this.aggregatorEntries()), ...this.breakerEntries()];
    const services: Record<string, DependencyHealth> = {};
    const details: Record<string, string> = {};
    for (const entry of entries) {
      services[entry.name] = entry.status;
      if (entry.status !== 'healthy' && entry.detail !== '') details[entry.name] = entry.detail;
    }
    return {
      status: overallHealth(entries),
      timestamp: new Date(this.now()).toISOString(),
      services,
      details,
    };
  }

  private async aggregatorEntries(): Promise<DependencyReport[]> {
    try {
      const { report } = await this.policy.execute(({ signal, timeoutMs }) =>
        this.aggregator.getHealth({}, { signal, deadlineMs: timeoutMs }),
      );
      const reported = (report?.dependencies ?? []).map((dependency): DependencyReport => ({
        name: dependency.name,
        kind: 'service',
        status: statusNames[dependency.status] ?? 'unavailable',
        detail: dependency.detail,
      }));
      return [{ name: 'aggregator', kind: 'service', status: 'healthy', detail: '' }, ...reported];
    } catch (error: unknown) {
      return [
        {
          name: 'aggregator',
          kind: 'service',
          status: 'unavailable',
          detail: failureDetail('aggregator', error),
        },
      ];
    }
  }

  private breakerEntries(): DependencyReport[] {
    return this.registry
      .list()
      .map((breaker) =>
        breaker.name === 'external_api'
          ? { ...breakerDependency(breaker, ''), kind: 'breaker' }
          : breakerDependency(breaker, 'gateway.breaker:'),
      );
  }
}
