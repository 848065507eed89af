import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { aggregatorV1, commonV1 } from '@gaara/contracts';
import type { DependencyHealth, DependencyKind, GuardState, HealthReport } from '@gaara/health';

type HealthReportInit = MessageInitShape<typeof aggregatorV1.HealthReportSchema>;

const kinds: Readonly<Record<DependencyKind, aggregatorV1.DependencyKind>> = {
  database: aggregatorV1.DependencyKind.DATABASE,
  kafka: aggregatorV1.DependencyKind.KAFKA,
  service: aggregatorV1.DependencyKind.SERVICE,
  breaker: aggregatorV1.DependencyKind.BREAKER,
};

const statuses: Readonly<Record<DependencyHealth, aggregatorV1.DependencyStatus>> = {
  healthy: aggregatorV1.DependencyStatus.HEALTHY,
  degraded: aggregatorV1.DependencyStatus.DEGRADED,
  unavailable: aggregatorV1.DependencyStatus.UNAVAILABLE,
};

// The contract has no ISOLATED: an isolated breaker rejects every call, which is OPEN to the outside.
const breakerStates: Readonly<Record<GuardState, commonV1.BreakerState>> = {
  closed: commonV1.BreakerState.CLOSED,
  open: commonV1.BreakerState.OPEN,
  'half-open': commonV1.BreakerState.HALF_OPEN,
  isolated: commonV1.BreakerState.OPEN,
};

/** The contract's HealthReport of a report. */
export function healthReportMessage(report: HealthReport): HealthReportInit {
  return {
    overall:
      report.overall === 'healthy'
        ? aggregatorV1.OverallStatus.HEALTHY
        : aggregatorV1.OverallStatus.DEGRADED,
    dependencies: report.dependencies.map((dependency) => ({
      name: dependency.name,
      kind: kinds[dependency.kind],
      status: statuses[dependency.status],
      detail: dependency.detail,
      breakerState:
        dependency.breakerState === undefined
          ? commonV1.BreakerState.UNSPECIFIED
          : breakerStates[dependency.breakerState],
    })),
    checkedAt: timestampFromMs(report.checkedAt),
  };
}
