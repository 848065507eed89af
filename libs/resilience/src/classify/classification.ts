import { isBrokenCircuitError, isBulkheadRejectedError, isTaskCancelledError } from 'cockatiel';
import { PolicyTimeoutError } from '../errors/policy-timeout-error';

/**
 * What an error means for resilience:
 * - `transient`: the dependency failed in a way that can succeed later; counts against the breaker and may be retried;
 * - `failure`: the dependency failed but repeating the call will not help; counts against the breaker, never retried;
 * - `caller`: the request itself was wrong or refused locally (validation, not found, open breaker, full bulkhead);
 *   the dependency is healthy, so it neither counts against the breaker nor is retried.
 */
export type Classification = 'transient' | 'failure' | 'caller';

/** Decides what an error raised by an operation means; one per protocol. */
export type ErrorClassifier = (error: unknown) => Classification;

/** Reads a property of an unknown thrown value without trusting its shape. */
export function readProperty(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Errors raised by the policies themselves, shared by every protocol classifier.
 * @returns the classification, or `undefined` when the error did not come from this library
 */
export function classifyPolicyError(error: unknown): Classification | undefined {
  if (error instanceof PolicyTimeoutError) {
    return 'transient';
  }
  // Rejections are local decisions: retrying an open breaker only waits on backoff for nothing.
  if (
    isBrokenCircuitError(error) ||
    isBulkheadRejectedError(error) ||
    isTaskCancelledError(error)
  ) {
    return 'caller';
  }
  return undefined;
}

/** Node.js socket error codes after which the same request may succeed on a new connection. */
export const transientSocketCodes: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);

/** True for a Node.js socket error (string `code`) that a new attempt may not meet again. */
export function isTransientSocketError(error: unknown): boolean {
  const code = readProperty(error, 'code');
  return typeof code === 'string' && transientSocketCodes.has(code);
}
