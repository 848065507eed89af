import {
  breakerDependency,
  buildHealthReport,
  serviceDependencies,
  type GrpcHealthChecker,
  type HealthReport,
} from '@gaara/health';
import type { BreakerRegistry } from '@gaara/resilience';
import type { DependencyProbe } from './dependency-probe';

/** A checked service and the breaker that guards calls to it. */
export interface CheckedService {
  readonly checker: GrpcHealthChecker;
  readonly breaker: string;
}

/**
 * The system's health as the aggregator sees it: each service's grpc health (and, through its NOT_SERVING,
 * its database), every breaker of the registry, and the other probes (Kafka, the providers' breakers).
 * Concurrent callers share one round of checks.
 */
export class HealthView {
  private inflight: Promise<HealthReport> | undefined;

  constructor(
    private readonly services: readonly CheckedService[],
    private readonly registry: BreakerRegistry,
    private readonly probes: readonly DependencyProbe[] = [],
    private readonly now: () => number = Date.now,
  ) {}

  report(): Promise<HealthReport> {
    this.inflight ??= this.check().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async check(): Promise<HealthReport> {
    const [probes, probed] = await Promise.all([
      Promise.all(this.services.map(({ checker }) => checker.probe())),
      Promise.all(this.probes.map((probe) => probe.probe())),
    ]);
    const breakers = this.registry.list();
    const stateOf = (name: string) => breakers.find((breaker) => breaker.name === name)?.state;
    const dependencies = [
      ...this.services.flatMap(({ checker, breaker }, index) =>
        serviceDependencies(
          checker.name,
          probes[index] ?? unreachable(checker.name),
          stateOf(breaker),
        ),
      ),
      ...breakers.map((breaker) => breakerDependency(breaker)),
      ...probed.flat(),
    ];
    return buildHealthReport(dependencies, this.now());
  }
}

function unreachable(name: string) {
  return { reachable: false, reason: `${name} not checked` } as const;
}
