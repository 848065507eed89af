// Public API of @gaara/resilience: the policy every outbound call of a Gaara process goes through.

export { createPolicy, type Operation, type Policy, type PolicyDeps } from './policy/create-policy';
export { createPeerPolicy, PEER_BREAKER_OPEN_MS } from './policy/grpc-peer-policy';
export {
  defaultPolicyConfig,
  mergePolicyConfig,
  type BreakerConfig,
  type BulkheadConfig,
  type PolicyConfig,
  type PolicyOverrides,
  type Protocol,
  type RetryConfig,
} from './policy/policy-config';
export type { PolicyEvent } from './policy/policy-events';
export type { AttemptContext } from './timeout/timeout';
export { withinBudget } from './timeout/within-budget';

export type { Classification, ErrorClassifier } from './classify/classification';
export { classifyGrpcError } from './classify/grpc';
export { classifyHttpError } from './classify/http';
export { classifyDatabaseError } from './classify/database';

export { BulkheadFullError } from './errors/bulkhead-full-error';
export { CircuitIsolatedError, CircuitOpenError } from './errors/circuit-open-error';
export { PolicyTimeoutError } from './errors/policy-timeout-error';

export {
  breakerStateValue,
  CircuitBreaker,
  type BreakerState,
  type BreakerTransition,
} from './breaker/circuit-breaker';
export { FailureRateBreaker, type FailureRateBreakerOptions } from './breaker/failure-rate-breaker';
export { RetryBudget, type RetryBudgetOptions } from './retry/retry-budget';
export { backoffDelay, type BackoffOptions } from './retry/backoff';

export {
  BreakerRegistry,
  defaultBreakerRegistry,
  DuplicateBreakerError,
  UnknownBreakerError,
  type BreakerSnapshot,
} from './registry/breaker-registry';
export { ResilienceMetrics, type FallbackKind } from './metrics/resilience-metrics';
export { SafeEmitter, type Subscription } from './events/safe-emitter';
export { silentLogger, type ResilienceLogger } from './logger';

export {
  degrade,
  type DegradeOptions,
  type SectionResult,
  type SectionStatus,
} from './fallback/section';
export {
  ResponseCache,
  type CachedResult,
  type ResponseCacheOptions,
} from './fallback/response-cache';
export {
  StaleWhileRevalidate,
  type StaleWhileRevalidateOptions,
  type SwrResult,
} from './fallback/stale-while-revalidate';
export type { FallbackOptions } from './fallback/fallback-options';
