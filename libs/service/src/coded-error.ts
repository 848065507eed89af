/**
 * Base of every domain error: a stable `code` callers branch on (mapped to gRPC in each service's
 * to-grpc-error.ts, to HTTP in the gateway), and the class name as `name`.
 */
export abstract class CodedError<Code extends string = string> extends Error {
  abstract readonly code: Code;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
