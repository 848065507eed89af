// Errors shaped like those of libs/grpc, grpc-js, fetch and pg, without importing them.

/** A libs/grpc-style error: a class with a string `code`. */
export class FakeGrpcError extends Error {
  constructor(public readonly code: string) {
    super(code);
    this.name = 'FakeGrpcError';
  }
}

export const unavailable = (): FakeGrpcError => new FakeGrpcError('UNAVAILABLE');
export const notFound = (): FakeGrpcError => new FakeGrpcError('NOT_FOUND');

/** A raw grpc-js ServiceError: numeric `code` from `status`. */
export function rawGrpcError(code: number): Error & { code: number } {
  return Object.assign(new Error(`status ${code}`), { code });
}

/** A Node.js socket error. */
export function socketError(code: string): Error & { code: string } {
  return Object.assign(new Error(code), { code });
}
