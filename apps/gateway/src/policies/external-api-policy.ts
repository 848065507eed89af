import {
  createPolicy,
  type Policy,
  type PolicyDeps,
  type PolicyOverrides,
} from '@gaara/resilience';

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
      breaker: { threshold: 0.5, openMs: 60_000, ...overrides.breaker },
      classify: 'http',
    },
    deps,
  );
}
