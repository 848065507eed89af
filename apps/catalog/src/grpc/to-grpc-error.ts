import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  UnavailableError,
} from '@gaara/grpc';
import { isTransientDatabaseError } from '@gaara/db';
import { InvalidRequestError, ProductNotFoundError } from '../domain/catalog-errors';
import { InsufficientStockError, ReservationNotFoundError } from '../domain/stock-errors';
import { shortfallViolations } from './reservation-message';

/**
 * The one place catalog errors become gRPC statuses: unknown product or reservation → NOT_FOUND, bad request
 * → INVALID_ARGUMENT with field violations, not enough stock → FAILED_PRECONDITION with a violation per short
 * line of `requestLines` (the request's lines, by index; default the short lines themselves), database down
 * (after retries) → UNAVAILABLE. Anything else is a bug and passes through, so @gaara/grpc answers INTERNAL
 * without details.
 */
export function toGrpcError(
  error: unknown,
  requestLines?: readonly { productId: string }[],
): unknown {
  if (error instanceof ProductNotFoundError || error instanceof ReservationNotFoundError) {
    return new NotFoundError(error.message);
  }
  if (error instanceof InsufficientStockError) {
    const lines = requestLines ?? error.shortfalls;
    return new FailedPreconditionError(error.message, shortfallViolations(error.shortfalls, lines));
  }
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
