import type { Policy } from '@gaara/resilience';

/** Seconds suggested to callers when a dependency failed but its breaker is not open. */
export const defaultRetryAfterSeconds = 1;

/** Seconds until the policy's breaker admits calls again (at least 1), or a short default when it is not open. */
export function retryAfterSeconds(policy: Policy, now: number = Date.now()): number {
  const { state, lastTransition } = policy.breaker;
  if ((state !== 'open' && state !== 'isolated') || lastTransition === undefined) {
    return defaultRetryAfterSeconds;
  }
  const remainingMs = lastTransition.at + policy.config.breaker.openMs - now;
  return Math.max(1, Math.ceil(remainingMs / 1000));
}
