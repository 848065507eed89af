import { CodedError, entityNotFoundError, RequestViolationsError } from '@gaara/service';

/** Errors of the invoice domain; `code` is stable. Mapped to gRPC statuses in grpc/to-grpc-error.ts. */
export abstract class InvoiceError extends CodedError {}

/** No invoice has the id asked for. */
export class InvoiceNotFoundError extends entityNotFoundError('INVOICE_NOT_FOUND', 'invoice') {}

/** The request is malformed or names unknown products; `violations` name each bad field and why. */
export class InvalidRequestError extends RequestViolationsError {
  readonly code = 'INVALID_REQUEST';
}

/** The invoice's status does not allow the move (e.g. paying a failed invoice). */
export class IllegalTransitionError extends InvoiceError {
  readonly code = 'ILLEGAL_TRANSITION';
}

/** The catalog could not be asked (down, timing out or its breaker open); the caller may retry later. */
export class CatalogUnavailableError extends InvoiceError {
  readonly code = 'CATALOG_UNAVAILABLE';
}

/** The catalog cannot hold the order's units; `violations` name each short item and what is available. */
export class InsufficientStockError extends RequestViolationsError {
  readonly code = 'INSUFFICIENT_STOCK';
}
