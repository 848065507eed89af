import { isTransientDatabaseError } from '@gaara/db';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  UnavailableError,
} from '@gaara/grpc';
import {
  IdempotencyMismatchError,
  InvalidRequestError,
  InvoiceChargeRefusedError,
  PaymentNotFoundError,
} from '../domain/payment-errors';

/**
 * The one place payment errors become gRPC statuses: bad request or a reused idempotency key →
 * INVALID_ARGUMENT with field violations, unknown payment → NOT_FOUND, a new payment for an invoice that another
 * payment paid or may still charge → FAILED_PRECONDITION (the message says which), database down (after retries, so the
 * charge could not even be queued) → UNAVAILABLE. Anything else is a bug: @gaara/grpc answers INTERNAL.
 */
export function toGrpcError(error: unknown): unknown {
  if (error instanceof InvalidRequestError) {
    return new InvalidArgumentError(error.message, error.violations);
  }
  if (error instanceof IdempotencyMismatchError) {
    return new InvalidArgumentError(error.message, [
      { field: 'idempotency_key', description: 'was already used for a different charge' },
    ]);
  }
  if (error instanceof PaymentNotFoundError) return new NotFoundError(error.message);
  if (error instanceof InvoiceChargeRefusedError) return new FailedPreconditionError(error.message);
  if (isTransientDatabaseError(error)) {
    return new UnavailableError('payment database is unavailable, try again later', {
      cause: error,
    });
  }
  return error;
}
