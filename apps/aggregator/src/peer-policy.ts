import {
  createPolicy,
  type Policy,
  type PolicyDeps,
  type PolicyOverrides,
} from '@gaara/resilience';

/** How long a peer's breaker stays open, in milliseconds (spec: 60 s); GAARA_BREAKER_OPEN_MS's default. */
export const PEER_BREAKER_OPEN_MS = 60_000;

/**
 * The policy of each service the dashboard reads. ARCHITECTURE.md, "Resilience settings": `catalog`, `invoice`,
 * `payment_service`, `notification_service` | gRPC clients in gateway and aggregator | > 50 % fail | 60 s |
 * dashboard section marked `unavailable`. `overrides` are the environment's (timeouts, open period).
 */
export function createPeerPolicy(
  name: string,
  overrides: PolicyOverrides,
  deps: PolicyDeps,
): Policy {
  const breaker = { threshold: 0.5, openMs: PEER_BREAKER_OPEN_MS, ...overrides.breaker };
  return createPolicy(name, { ...overrides, breaker }, deps);
}
