import type { Operation, Policy } from '@gaara/resilience';
import { ServiceUnavailableError } from './gateway-errors';
import { retryAfterSeconds } from './retry-after';

/** Codes meaning "the dependency cannot answer now", as opposed to "the request is wrong" or "a bug". */
const unavailableCodes: ReadonlySet<unknown> = new Set([
  'CIRCUIT_OPEN',
  'CIRCUIT_ISOLATED',
  'RESILIENCE_TIMEOUT',
  'BULKHEAD_FULL',
  'UNAVAILABLE',
  'DEADLINE_EXCEEDED',
  'RESOURCE_EXHAUSTED',
]);

/** True when `error` says the dependency is unavailable (down, slow, breaker open, overloaded). */
export function isUnavailability(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    unavailableCodes.has((error as { code?: unknown }).code)
  );
}

/** Turns an unavailability into a {@link ServiceUnavailableError} with the breaker's Retry-After; rethrows the rest. */
export function asUnavailable(dependency: string, policy: Policy, error: unknown): never {
  if (isUnavailability(error)) {
    throw new ServiceUnavailableError(dependency, retryAfterSeconds(policy), { cause: error });
  }
  throw error;
}

/** Runs `operation` through `policy`; unavailability surfaces as a {@link ServiceUnavailableError}. */
export async function callDependency<T>(
  dependency: string,
  policy: Policy,
  operation: Operation<T>,
): Promise<T> {
  try {
    return await policy.execute(operation);
  } catch (error: unknown) {
    return asUnavailable(dependency, policy, error);
  }
}
