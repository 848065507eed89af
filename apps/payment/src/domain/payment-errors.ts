import { CodedError, RequestViolationsError } from '@gaara/service';

/** Errors of the payment domain; `code` is stable. Mapped to gRPC statuses in grpc/to-grpc-error.ts. */
export abstract class PaymentError extends CodedError {}

/** The request is malformed; `violations` name each bad field and why. */
export class InvalidRequestError extends RequestViolationsError {
  readonly code = 'INVALID_REQUEST';
}

export class PaymentNotFoundError extends PaymentError {
  readonly code = 'PAYMENT_NOT_FOUND';
  constructor(readonly paymentId: string) {
    super(`payment ${paymentId} does not exist`);
  }
}

/** The idempotency key was used before for a different invoice, amount or currency. */
export class IdempotencyMismatchError extends PaymentError {
  readonly code = 'IDEMPOTENCY_MISMATCH';
  constructor(readonly paymentId: string) {
    super(`idempotency key ${paymentId} was already used for a different charge`);
  }
}
