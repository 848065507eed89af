import { CodedError, RequestViolationsError } from '@gaara/service';

/** Errors of the catalog's domain; `code` is stable. Mapped to gRPC statuses in grpc/to-grpc-error.ts. */
export abstract class CatalogError extends CodedError<'PRODUCT_NOT_FOUND' | 'INVALID_REQUEST'> {}

export class ProductNotFoundError extends CatalogError {
  readonly code = 'PRODUCT_NOT_FOUND';
  constructor(readonly productId: string) {
    super(`product ${productId} does not exist`);
  }
}

/** The request is malformed; `violations` name each bad field and why. */
export class InvalidRequestError extends RequestViolationsError {
  readonly code = 'INVALID_REQUEST';
}
