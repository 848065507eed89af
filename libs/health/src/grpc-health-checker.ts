import { healthV1 } from '@gaara/contracts';
import type { GrpcClient } from '@gaara/grpc';
import { createPolicy, type Policy, type PolicyDeps } from '@gaara/resilience';
import { errorCode, failureDetail } from './failure-detail';
import type { ServiceProbe } from './service-health';

/** The part of a grpc.health.v1 client the checker uses. */
export type HealthCheckClient = Pick<GrpcClient<typeof healthV1.Health>, 'check'>;

/** Options of {@link GrpcHealthChecker}. */
export interface GrpcHealthCheckerOptions {
  /** Name of the checked service in reports, e.g. `catalog`. */
  readonly name: string;
  readonly client: HealthCheckClient;
  /** Policy each Check runs through; see {@link healthCheckPolicy}. */
  readonly policy: Policy;
  /**
   * grpc.health.v1 service names to ask; the service is serving only when all of them are. Defaults to `['']`
   * (the whole server). A name the server does not know (NOT_FOUND) is ignored.
   */
  readonly services?: readonly string[];
}

/**
 * Time the health checks' own breaker stays open, in milliseconds: a dead service costs one check a second, and a
 * restarted one is seen within a second (with the 60 s default, frequent /health calls kept it "unavailable" a
 * minute after its restart; found by `npm run chaos`).
 */
export const HEALTH_CHECK_BREAKER_OPEN_MS = 1000;

/** Checks are frequent and cheap: one attempt, short timeout, and a breaker of their own kept out of reports. */
export function healthCheckPolicy(name: string, timeoutMs = 1000, deps: PolicyDeps = {}): Policy {
  return createPolicy(
    `${name}_health`,
    { timeoutMs, retry: { maxAttempts: 1 }, breaker: { openMs: HEALTH_CHECK_BREAKER_OPEN_MS } },
    { ...deps, registry: false },
  );
}

/** Probes one service through grpc.health.v1 Check; never throws. */
export class GrpcHealthChecker {
  private readonly services: readonly string[];

  constructor(private readonly options: GrpcHealthCheckerOptions) {
    this.services = options.services ?? [''];
  }

  get name(): string {
    return this.options.name;
  }

  async probe(): Promise<ServiceProbe> {
    try {
      const answers = await Promise.all(this.services.map((service) => this.check(service)));
      return { reachable: true, serving: answers.every((serving) => serving !== false) };
    } catch (error: unknown) {
      return { reachable: false, reason: failureDetail(this.options.name, error) };
    }
  }

  /** True when SERVING, false otherwise, undefined when the server does not know the name. */
  private async check(service: string): Promise<boolean | undefined> {
    try {
      const response = await this.options.policy.execute(({ signal, timeoutMs }) =>
        this.options.client.check({ service }, { signal, deadlineMs: timeoutMs }),
      );
      return response.status === healthV1.HealthCheckResponse_ServingStatus.SERVING;
    } catch (error: unknown) {
      if (errorCode(error) === 'NOT_FOUND') return undefined;
      throw error;
    }
  }
}
