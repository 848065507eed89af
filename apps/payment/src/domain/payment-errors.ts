import { CodedError, entityNotFoundError, RequestViolationsError } from '@gaara/service';

/** Errors of the payment domain; `code` is stable. Mapped to gRPC statuses in grpc/to-grpc-error.ts. */
export abstract class PaymentError extends CodedError {}

/** The request is malformed; `violations` name each bad field and why. */
export class InvalidRequestError extends RequestViolationsError {
  readonly code = 'INVALID_REQUEST';
}

/** No payment has the id asked for. */
export class PaymentNotFoundError extends entityNotFoundError('PAYMENT_NOT_FOUND', 'payment') {}

/** The idempotency key was used before for a different invoice, amount or currency. */
export class IdempotencyMismatchError extends PaymentError {
  readonly code = 'IDEMPOTENCY_MISMATCH';
  constructor(readonly paymentId: string) {
    super(`idempotency key ${paymentId} was already used for a different charge`);
  }
}
