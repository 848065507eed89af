import { isTransientDatabaseError } from '@gaara/db';
import { InvalidArgumentError, UnavailableError } from '@gaara/grpc';
import { InvalidEmailRequestError } from '../domain/notification-errors';

/**
 * The one place notification errors become gRPC statuses: a bad request (address, template, params) →
 * INVALID_ARGUMENT with field violations; database down (after retries) → UNAVAILABLE. Delivery failures
 * never get here: they are answered as QUEUED or FAILED. Anything else is a bug: @gaara/grpc answers INTERNAL.
 */
export function toGrpcError(error: unknown): unknown {
  if (error instanceof InvalidEmailRequestError) {
    return new InvalidArgumentError(error.message, error.violations);
  }
  if (isTransientDatabaseError(error)) {
    return new UnavailableError('notification database is unavailable, try again later', {
      cause: error,
    });
  }
  return error;
}
