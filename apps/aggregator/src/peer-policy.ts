import {
  createPolicy,
  type Policy,
  type PolicyDeps,
  type PolicyOverrides,
} from '@gaara/resilience';
import { PEER_BREAKER_OPEN_MS } from './peer-breaker';

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
