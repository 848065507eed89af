import { isTransientDatabaseError } from '@gaara/db';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  UnavailableError,
} from '@gaara/grpc';
import {
  CatalogUnavailableError,
  IllegalTransitionError,
  InsufficientStockError,
  InvalidRequestError,
  InvoiceNotFoundError,
} from '../domain/invoice-errors';

/**
 * The one place invoice errors become gRPC statuses: bad request or unknown product → INVALID_ARGUMENT with
 * field violations, unknown invoice → NOT_FOUND, illegal status move → FAILED_PRECONDITION, not enough stock
 * → FAILED_PRECONDITION with a violation per short item, catalog or
 * database down (after retries) → UNAVAILABLE. Anything else is a bug: @gaara/grpc answers INTERNAL.
 */
export function toGrpcError(error: unknown): unknown {
  if (error instanceof InvalidRequestError) {
    return new InvalidArgumentError(error.message, error.violations);
  }
  if (error instanceof InvoiceNotFoundError) return new NotFoundError(error.message);
  if (error instanceof IllegalTransitionError) return new FailedPreconditionError(error.message);
  if (error instanceof InsufficientStockError) {
    return new FailedPreconditionError(error.message, error.violations);
  }
  if (error instanceof CatalogUnavailableError) {
    return new UnavailableError(error.message, { cause: error.cause });
  }
  if (isTransientDatabaseError(error)) {
    return new UnavailableError('invoice database is unavailable, try again later', {
      cause: error,
    });
  }
  return error;
}
