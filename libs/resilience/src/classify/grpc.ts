import {
  classifyPolicyError,
  isTransientSocketError,
  readProperty,
  type Classification,
} from './classification';

/** gRPC status names by their numeric wire value (grpc-js `status` enum), so raw grpc-js errors classify too. */
const statusNames: readonly string[] = [
  'OK',
  'CANCELLED',
  'UNKNOWN',
  'INVALID_ARGUMENT',
  'DEADLINE_EXCEEDED',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED',
  'FAILED_PRECONDITION',
  'ABORTED',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'INTERNAL',
  'UNAVAILABLE',
  'DATA_LOSS',
  'UNAUTHENTICATED',
];

/** Statuses after which the same call can succeed later. */
const transientStatuses: ReadonlySet<string> = new Set([
  'UNAVAILABLE',
  'DEADLINE_EXCEEDED',
  'RESOURCE_EXHAUSTED',
]);

/** Statuses that mean the server is broken, not the request. */
const failureStatuses: ReadonlySet<string> = new Set([
  'INTERNAL',
  'UNKNOWN',
  'DATA_LOSS',
  'UNIMPLEMENTED',
]);

/**
 * Classifies an error from a gRPC client call. Accepts both shapes in use: libs/grpc errors with a string
 * `code` such as `'UNAVAILABLE'`, and raw grpc-js `ServiceError`s with a numeric `code` from `status`.
 * UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED are transient; INTERNAL, UNKNOWN, DATA_LOSS, UNIMPLEMENTED
 * are non-retryable failures; every other status (NOT_FOUND, INVALID_ARGUMENT, CANCELLED...) is the caller's.
 * Errors with no gRPC code are failures unless they are socket errors (transient).
 */
export function classifyGrpcError(error: unknown): Classification {
  const own = classifyPolicyError(error);
  if (own) {
    return own;
  }
  const raw = readProperty(error, 'code');
  const name = typeof raw === 'number' ? statusNames[raw] : raw;
  if (typeof name === 'string') {
    if (transientStatuses.has(name)) {
      return 'transient';
    }
    if (failureStatuses.has(name)) {
      return 'failure';
    }
    if (statusNames.includes(name)) {
      return 'caller';
    }
  }
  return isTransientSocketError(error) ? 'transient' : 'failure';
}
