import { isBrokenCircuitError, isBulkheadRejectedError } from 'cockatiel';
import type { ErrorClassifier } from '../classify/classification';
import { resolveClassifier, type Protocol } from '../policy/policy-config';

/** Builds the "may this error be answered from a fallback" predicate of a helper. */
export function fallbackEligible(
  classify: Protocol | ErrorClassifier = 'grpc',
): (error: unknown) => boolean {
  const classifier = resolveClassifier(classify);
  return (error) =>
    isBrokenCircuitError(error) || isBulkheadRejectedError(error) || classifier(error) !== 'caller';
}
