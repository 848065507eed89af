import { healthCheckPolicy } from '@gaara/health';
import type { Policy, PolicyDeps } from '@gaara/resilience';

/**
 * How long GET /health waits for the aggregator's GetHealth, in milliseconds: /health answers within 1 s, and the
 * aggregator bounds its own round of checks to 600 ms, so a healthy answer fits.
 */
export const AGGREGATOR_HEALTH_WAIT_MS = 800;

/**
 * The policy of /health's call to the aggregator: one attempt (a retried health check only answers later),
 * {@link AGGREGATOR_HEALTH_WAIT_MS} by default, its breaker kept out of the registry (and so out of /health).
 */
export function gatewayHealthPolicy(
  deps: PolicyDeps = {},
  timeoutMs = AGGREGATOR_HEALTH_WAIT_MS,
): Policy {
  return healthCheckPolicy('aggregator', timeoutMs, deps);
}
