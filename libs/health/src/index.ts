// Public API of @gaara/health: the health model, its aggregation rules and the grpc.health.v1 checker.

export type {
  DependencyHealth,
  DependencyKind,
  DependencyReport,
  GuardState,
  HealthReport,
  OverallHealth,
} from './health-model';
export { buildHealthReport, overallHealth, sortDependencies, worstOf } from './aggregate-health';
export { breakerDependency, breakerStateHealth, type BreakerView } from './breaker-health';
export { serviceDependencies, type ServiceProbe } from './service-health';
export { errorCode, failureDetail } from './failure-detail';
export {
  GrpcHealthChecker,
  healthCheckPolicy,
  type GrpcHealthCheckerOptions,
  type HealthCheckClient,
} from './grpc-health-checker';
