import type { ErrorClassifier } from '../classify/classification';
import { classifyDatabaseError } from '../classify/database';
import { classifyGrpcError } from '../classify/grpc';
import { classifyHttpError } from '../classify/http';

/** Retry settings of a policy. */
export interface RetryConfig {
  /** Attempts in total, first call included: 3 means at most 2 retries; 1 disables retries. Defaults to 3. */
  readonly maxAttempts: number;
  /** Backoff before the first retry, in milliseconds, before jitter. Defaults to 200. */
  readonly initialDelayMs: number;
  /** Cap of any backoff, in milliseconds. Defaults to 2000. */
  readonly maxDelayMs: number;
  /** Backoff growth per retry. Defaults to 2. */
  readonly factor: number;
  /** Retries allowed as a fraction of calls over `budgetWindowMs`. Defaults to 0.1 (≤ 1.1× calls in an outage). */
  readonly budgetRatio: number;
  /** Retries always allowed per budget window. Defaults to 3. */
  readonly budgetMinRetries: number;
  /** Retry budget window, in milliseconds. Defaults to 10000. */
  readonly budgetWindowMs: number;
}

/** Circuit breaker settings of a policy. */
export interface BreakerConfig {
  /** Failure ratio above which the breaker opens, in (0, 1). Defaults to 0.5. */
  readonly threshold: number;
  /** Sliding window of the failure rate, in milliseconds. Defaults to 30000. */
  readonly windowMs: number;
  /** Calls in the window before the breaker may open. Defaults to 10. */
  readonly minimumCalls: number;
  /** Time the breaker stays open before admitting a probe, in milliseconds. Defaults to 60000. */
  readonly openMs: number;
  /** Successful probes needed to close; one failed probe reopens. Defaults to 1. */
  readonly halfOpenProbes: number;
}

/** Bulkhead settings of a policy. */
export interface BulkheadConfig {
  /** Attempts running at once. Defaults to 100. */
  readonly limit: number;
  /** Attempts waiting for a slot before calls are rejected. Defaults to 100. */
  readonly queue: number;
}

/** Protocol names with a built-in error classifier. */
export type Protocol = 'grpc' | 'http' | 'database';

/** Complete settings of one named policy. */
export interface PolicyConfig {
  /** Per-attempt timeout, in milliseconds. Defaults to 5000. */
  readonly timeoutMs: number;
  readonly retry: RetryConfig;
  readonly breaker: BreakerConfig;
  readonly bulkhead: BulkheadConfig;
  /** How errors are classified: a protocol name or a custom classifier. Defaults to `'grpc'`. */
  readonly classify: Protocol | ErrorClassifier;
}

/** Partial settings layered over the defaults: a dependency's spec settings, then per-environment values. */
export interface PolicyOverrides {
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryConfig>;
  readonly breaker?: Partial<BreakerConfig>;
  readonly bulkhead?: Partial<BulkheadConfig>;
  readonly classify?: Protocol | ErrorClassifier;
}

/**
 * The defaults every policy starts from (a gRPC peer: opens above 50 % failures in 30 s, open 60 s; 5 s
 * timeout; 3 attempts). Each app layers its dependency's spec settings on top, in a file beside the caller.
 */
export const defaultPolicyConfig: PolicyConfig = {
  timeoutMs: 5000,
  retry: {
    maxAttempts: 3,
    initialDelayMs: 200,
    maxDelayMs: 2000,
    factor: 2,
    budgetRatio: 0.1,
    budgetMinRetries: 3,
    budgetWindowMs: 10_000,
  },
  breaker: {
    threshold: 0.5,
    windowMs: 30_000,
    minimumCalls: 10,
    openMs: 60_000,
    halfOpenProbes: 1,
  },
  bulkhead: { limit: 100, queue: 100 },
  classify: 'grpc',
};

/** Layers overrides over a base configuration (shallow per section). */
export function mergePolicyConfig(
  base: PolicyConfig,
  overrides: PolicyOverrides = {},
): PolicyConfig {
  return {
    timeoutMs: overrides.timeoutMs ?? base.timeoutMs,
    retry: { ...base.retry, ...overrides.retry },
    breaker: { ...base.breaker, ...overrides.breaker },
    bulkhead: { ...base.bulkhead, ...overrides.bulkhead },
    classify: overrides.classify ?? base.classify,
  };
}

/** The classifier a configuration names. */
export function resolveClassifier(classify: PolicyConfig['classify']): ErrorClassifier {
  if (typeof classify === 'function') {
    return classify;
  }
  switch (classify) {
    case 'grpc':
      return classifyGrpcError;
    case 'http':
      return classifyHttpError;
    case 'database':
      return classifyDatabaseError;
  }
}

/** Rejects settings that would silently defeat the spec (e.g. zero attempts, a threshold of 1). */
export function validatePolicyConfig(name: string, config: PolicyConfig): void {
  const problems: string[] = [];
  const { retry, breaker, bulkhead } = config;
  if (!(config.timeoutMs > 0)) problems.push('timeoutMs must be > 0');
  if (!Number.isSafeInteger(retry.maxAttempts) || retry.maxAttempts < 1)
    problems.push('retry.maxAttempts must be >= 1');
  if (!(retry.initialDelayMs >= 0) || !(retry.maxDelayMs >= retry.initialDelayMs)) {
    problems.push('retry delays must satisfy 0 <= initialDelayMs <= maxDelayMs');
  }
  if (!(retry.factor >= 1)) problems.push('retry.factor must be >= 1');
  if (!(breaker.threshold > 0 && breaker.threshold < 1))
    problems.push('breaker.threshold must be in (0, 1)');
  if (!Number.isSafeInteger(breaker.minimumCalls) || breaker.minimumCalls < 1) {
    problems.push('breaker.minimumCalls must be >= 1');
  }
  if (!Number.isSafeInteger(breaker.halfOpenProbes) || breaker.halfOpenProbes < 1) {
    problems.push('breaker.halfOpenProbes must be >= 1');
  }
  if (!(breaker.openMs > 0) || !(breaker.windowMs > 0))
    problems.push('breaker.openMs and windowMs must be > 0');
  if (!Number.isSafeInteger(bulkhead.limit) || bulkhead.limit < 1)
    problems.push('bulkhead.limit must be >= 1');
  if (!Number.isSafeInteger(bulkhead.queue) || bulkhead.queue < 0)
    problems.push('bulkhead.queue must be >= 0');
  if (problems.length > 0) {
    throw new RangeError(`Invalid resilience policy "${name}": ${problems.join('; ')}`);
  }
}
