import {
  createPolicy,
  type BreakerRegistry,
  type Policy,
  type PolicyDeps,
  type ResilienceLogger,
} from '@gaara/resilience';
import { classifyEmailError } from './classify-smtp-error';

/** Per-attempt SMTP timeout, in milliseconds. */
export const EMAIL_ATTEMPT_TIMEOUT_MS = 5000;

/**
 * The `email` policy: the preset's breaker (opens above 50 % failures, open `openMs`), a 5 s attempt timeout,
 * and one attempt only — retries are the retry topics' job, and an in-process repeat could send twice.
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
      breaker: { openMs: options.openMs },
      classify: classifyEmailError,
    },
    { registry: options.registry, logger: options.logger, meter: options.meter },
  );
}
