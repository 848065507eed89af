import { InvalidArgumentError, NotFoundError, UnavailableError } from '@gaara/grpc';
import { isTransientDatabaseError } from '@gaara/db';
import { InvalidRequestError, ProductNotFoundError } from '../domain/catalog-errors';

/**
 * The one place catalog errors become gRPC statuses: unknown product → NOT_FOUND, bad request →
 * INVALID_ARGUMENT with field violations, database down (after retries) → UNAVAILABLE. Anything else is a
 * bug and passes through, so @gaara/grpc answers INTERNAL without details.
 */
export function toGrpcError(error: unknown): unknown {
  if (error instanceof ProductNotFoundError) return new NotFoundError(error.message);
  if (error instanceof InvalidRequestError) {
    return new InvalidArgumentError(error.message, error.violations);
  }
  if (isTransientDatabaseError(error)) {
    return new UnavailableError('catalog database is unavailable, try again later', {
      cause: error,
    });
  }
  return error;
}
