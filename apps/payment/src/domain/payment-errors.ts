import type { FieldViolation } from '@gaara/grpc';

/** Errors of the payment domain; `code` is stable. Mapped to gRPC statuses in grpc/to-grpc-error.ts. */
export abstract class PaymentError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The request is malformed; `violations` name each bad field and why. */
export class InvalidRequestError extends PaymentError {
  readonly code = 'INVALID_REQUEST';
  constructor(readonly violations: readonly FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.description}`).join('; '));
  }
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
