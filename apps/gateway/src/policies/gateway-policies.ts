import {
  createPolicy,
  type Policy,
  type PolicyDeps,
  type PolicyOverrides,
} from '@gaara/resilience';
import { PEER_BREAKER_OPEN_MS } from './peer-breaker';

/**
 * The gRPC peers' policies. ARCHITECTURE.md, "Resilience settings": `catalog`, `invoice`, `payment_service` |
 * gRPC clients in gateway and aggregator | > 50 % fail | 60 s | cached product; stale copy while revalidating.
 * `overrides` are the environment's (timeouts, open period).
 */
export function createPeerPolicy(
  name: string,
  overrides: PolicyOverrides,
  deps: PolicyDeps,
): Policy {
  return createPolicy(
    name,
    {
      ...overrides,
      breaker: { threshold: 0.5, openMs: PEER_BREAKER_OPEN_MS, ...overrides.breaker },
    },
    deps,
  );
}

/**
 * The `external_api` policy. ARCHITECTURE.md: `external_api` | gateway → external data API | > 50 % fail | 60 s |
 * last good copy marked `cached: true`; 5 s timeout, 3 attempts on 5xx and connection errors (HTTP classifier).
 */
export function createExternalApiPolicy(overrides: PolicyOverrides, deps: PolicyDeps): Policy {
  return createPolicy(
    'external_api',
    {
      timeoutMs: 5000,
      retry: { maxAttempts: 3 },
      ...overrides,
      breaker: { threshold: 0.5, openMs: PEER_BREAKER_OPEN_MS, ...overrides.breaker },
      classify: 'http',
    },
    deps,
  );
}
