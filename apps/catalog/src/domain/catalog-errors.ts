import { entityNotFoundError, RequestViolationsError } from '@gaara/service';

// Errors of the catalog's domain; `code` is stable. Mapped to gRPC statuses in grpc/to-grpc-error.ts.

/** No product has the id asked for. */
export class ProductNotFoundError extends entityNotFoundError('PRODUCT_NOT_FOUND', 'product') {}

/** The request is malformed; `violations` name each bad field and why. */
export class InvalidRequestError extends RequestViolationsError {
  readonly code = 'INVALID_REQUEST';
}
