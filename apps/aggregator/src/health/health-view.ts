import {
  breakerDependency,
  buildHealthReport,
  serviceDependencies,
  type DependencyReport,
  type GrpcHealthChecker,
  type HealthReport,
  type ServiceProbe,
} from '@gaara/health';
import type { BreakerRegistry } from '@gaara/resilience';
import { settleWithin } from '../dashboard/settle-within';
import type { DependencyProbe } from './dependency-probe';

/** Default budget of one round of checks, in milliseconds: below the gateway's 800 ms wait for GetHealth. */
export const HEALTH_REPORT_BUDGET_MS = 600;

/** Options of {@link HealthView}. */
export interface HealthViewOptions {
  /** How long a round waits for any one check, in milliseconds (default {@link HEALTH_REPORT_BUDGET_MS}). */
  readonly budgetMs?: number;
  readonly now?: () => number;
}

/** A checked service and the breaker that guards calls to it. */
export interface CheckedService {
  readonly checker: GrpcHealthChecker;
  readonly breaker: string;
}

/**
 * The system's health as the aggregator sees it: each service's grpc health (and, through its NOT_SERVING,
 * its database), every breaker of the registry, and the other probes (Kafka, the providers' breakers).
 * Concurrent callers share one round of checks, and a round answers within the budget: a check still running
 * then is reported as not answering.
 */
export class HealthView {
  private inflight: Promise<HealthReport> | undefined;
  private readonly budgetMs: number;
  private readonly now: () => number;

  constructor(
    private readonly services: readonly CheckedService[],
    private readonly registry: BreakerRegistry,
    private readonly probes: readonly DependencyProbe[] = [],
    options: HealthViewOptions = {},
  ) {
    this.budgetMs = options.budgetMs ?? HEALTH_REPORT_BUDGET_MS;
    this.now = options.now ?? Date.now;
  }

  report(): Promise<HealthReport> {
    this.inflight ??= this.check().finally(() => (this.inflight = undefined));
    return this.inflight;
  }

  private async check(): Promise<HealthReport> {
    const [probes, probed] = await Promise.all([
      Promise.all(this.services.map(({ checker }) => this.serviceProbe(checker))),
      Promise.all(this.probes.map((probe) => this.dependencyProbe(probe))),
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

  private async serviceProbe(checker: GrpcHealthChecker): Promise<ServiceProbe> {
    const settled = await settleWithin(checker.probe(), this.budgetMs);
    if (settled.kind === 'value') return settled.value;
    return {
      reachable: false,
      reason: `${checker.name} health check took over ${this.budgetMs} ms`,
    };
  }

  private async dependencyProbe(probe: DependencyProbe): Promise<readonly DependencyReport[]> {
    const settled = await settleWithin(probe.probe(), this.budgetMs);
    return settled.kind === 'value' ? settled.value : probe.late(this.budgetMs);
  }
}

function unreachable(name: string) {
  return { reachable: false, reason: `${name} not checked` } as const;
}
