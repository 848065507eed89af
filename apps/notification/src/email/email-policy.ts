import {
  createPolicy,
  type BreakerRegistry,
  type Policy,
  type PolicyDeps,
  type ResilienceLogger,
} from '@gaara/resilience';
import { classifyEmailError } from './classify-smtp-error';

/** Per-attempt SMTP timeout, in milliseconds (spec: "Timeout for external calls: 5 s"). */
export const EMAIL_ATTEMPT_TIMEOUT_MS = 5000;

/**
 * The `email` policy around the SMTP provider. ARCHITECTURE.md, "Resilience settings": `email` | notification →
 * provider | > 50 % fail | 60 s (`openMs`) | email queued on the notification retry topics. One attempt only:
 * retries are the retry topics' job, and an in-process repeat could send twice.
 */
export function createEmailPolicy(options: {
  readonly openMs: number;
  readonly registry?: BreakerRegistry | false;
  readonly logger?: ResilienceLogger;
  readonly meter?: PolicyDeps['meter'];
}): Policy {
  return createPolicy(
    'email',
    {
      timeoutMs: EMAIL_ATTEMPT_TIMEOUT_MS,
      retry: { maxAttempts: 1 },
      breaker: { threshold: 0.5, openMs: options.openMs },
      classify: classifyEmailError,
    },
    { registry: options.registry, logger: options.logger, meter: options.meter },
  );
}
