import type { FieldViolation } from '@gaara/grpc';

/** Errors of the catalog's domain; `code` is stable. Mapped to gRPC statuses in grpc/to-grpc-error.ts. */
export abstract class CatalogError extends Error {
  abstract readonly code: 'PRODUCT_NOT_FOUND' | 'INVALID_REQUEST';
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ProductNotFoundError extends CatalogError {
  readonly code = 'PRODUCT_NOT_FOUND';
  constructor(readonly productId: string) {
    super(`product ${productId} does not exist`);
  }
}

/** The request is malformed; `violations` name each bad field and why. */
export class InvalidRequestError extends CatalogError {
  readonly code = 'INVALID_REQUEST';
  constructor(readonly violations: readonly FieldViolation[]) {
    super(violations.map((v) => `${v.field}: ${v.description}`).join('; '));
  }
}
