import { createPolicy, type Policy, type PolicyDeps } from './create-policy';
import type { PolicyOverrides } from './policy-config';

/** How long a gRPC peer's breaker stays open, in milliseconds (spec: 60 s); GAARA_BREAKER_OPEN_MS's default. */
export const PEER_BREAKER_OPEN_MS = 60_000;

/**
 * The policy of a gRPC client of one of our own services. ARCHITECTURE.md, "Resilience settings": `catalog`,
 * `invoice`, `payment_service`, `notification_service` | gRPC clients in gateway and aggregator | > 50 % fail |
 * 60 s | cached product; dashboard section `unavailable`; stale copy while revalidating. `overrides` are the
 * environment's (timeouts, open period); `name` labels the breaker and its metrics.
 */
export function createPeerPolicy(
  name: string,
  overrides: PolicyOverrides,
  deps: PolicyDeps,
): Policy {
  const breaker = { threshold: 0.5, openMs: PEER_BREAKER_OPEN_MS, ...overrides.breaker };
  return createPolicy(name, { ...overrides, breaker }, deps);
}
