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

/**
 * Another payment of the invoice succeeded or may still charge it (pending, processing, queued or dead-lettered):
 * a new payment for it is refused, so the invoice is charged at most once.
 */
export class InvoiceChargeRefusedError extends PaymentError {
  readonly code = 'INVOICE_CHARGE_REFUSED';
  constructor(
    readonly invoiceId: string,
    /** `paid`: another payment succeeded; `in_flight`: another payment may still charge. */
    readonly reason: 'paid' | 'in_flight',
  ) {
    super(
      reason === 'paid'
        ? `invoice ${invoiceId} is already paid by another payment`
        : `invoice ${invoiceId} has another payment in flight`,
    );
  }
}
