import { classifyHttpError, type Classification } from '@gaara/resilience';
import { ProviderError, ProviderUnavailableError } from './provider-errors';

/**
 * Breaker/retry classifier of the `payment` policy: ProviderUnavailableError (incl. 409 and 401) is transient,
 * declines and rejections are the caller's (they neither open the breaker nor retry), timeouts and connection
 * errors are transient as classifyHttpError says.
 */
export function classifyProviderError(error: unknown): Classification {
  if (error instanceof ProviderUnavailableError) return 'transient';
  if (error instanceof ProviderError) return error.permanent ? 'caller' : 'transient';
  return classifyHttpError(error);
}

/** What a failed attempt means for the payment: `permanent` fails it for good, `transient` queues a retry. */
export type AttemptFailureKind = 'permanent' | 'transient';

/** Permanent only for the provider's own "never" answers; everything else (open breaker, timeout, network) may succeed later. */
export function failureKindOf(error: unknown): AttemptFailureKind {
  return error instanceof ProviderError && error.permanent ? 'permanent' : 'transient';
}
