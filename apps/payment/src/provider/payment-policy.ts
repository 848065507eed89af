import { createPolicy, type Policy, type PolicyDeps } from '@gaara/resilience';
import { classifyProviderError } from './classify-provider-error';

/** Per-attempt timeout of a provider call, in milliseconds (spec: "Timeout for external calls: 5 s"). */
export const PROVIDER_TIMEOUT_MS = 5000;

/**
 * The `payment` policy around the payment provider. ARCHITECTURE.md, "Resilience settings": `payment` | payment →
 * provider | > 30 % fail | 120 s (`openMs`) | charge queued on the retry topics. One
 * provider call per claim: retries are the Kafka tiers, each claimed on its own, so no in-process retry.
 */
export function createPaymentPolicy(openMs: number, deps: PolicyDeps): Policy {
  return createPolicy(
    'payment',
    {
      timeoutMs: PROVIDER_TIMEOUT_MS,
      retry: { maxAttempts: 1 },
      // Few calls per second reach the provider: 5 calls in the window are enough to judge it.
      breaker: { threshold: 0.3, openMs, minimumCalls: 5 },
      bulkhead: { limit: 20, queue: 50 },
      classify: classifyProviderError,
    },
    deps,
  );
}
