import type { GrpcErrorCode } from './grpc-error-code';

/** One invalid field of a request, as in google.rpc.BadRequest.FieldViolation. */
export interface FieldViolation {
  /** Path to the field, e.g. `items[2].quantity`. */
  readonly field: string;
  /** Why the value is invalid, safe to show to the caller. */
  readonly description: string;
}

/**
 * Base of every error that crosses a gRPC boundary. Handlers throw subclasses; clients receive them back.
 * The message is sent to the caller (except for INTERNAL, UNKNOWN, DATA_LOSS), so it must not contain secrets.
 */
export abstract class GrpcServiceError extends Error {
  /** Stable code callers branch on; never changes for a given class. */
  public abstract readonly code: GrpcErrorCode;
  /** Free-form gRPC status details as received (clients only); handy for logs. */
  public readonly details?: string;

  constructor(message: string, options?: { cause?: unknown; details?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options?.details;
  }
}

/** Shape of the constructor options every concrete error accepts. */
export interface GrpcServiceErrorOptions {
  readonly cause?: unknown;
  readonly details?: string;
}

/** The call was cancelled, usually by the caller (AbortSignal) or because the server shut down. */
export class CancelledError extends GrpcServiceError {
  public readonly code = 'CANCELLED';
  constructor(message = 'Call cancelled', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** An error the server did not classify. */
export class UnknownError extends GrpcServiceError {
  public readonly code = 'UNKNOWN';
  constructor(message = 'Unknown error', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/**
 * An error naming the fields it refuses; sent in a trailer so clients get them back (status-mapping.ts).
 * Its subclasses take (message, violations, options) and need no default message: every caller says why.
 */
export abstract class GrpcViolationsError extends GrpcServiceError {
  constructor(
    message: string,
    public readonly violations: readonly FieldViolation[] = [],
    options?: GrpcServiceErrorOptions,
  ) {
    super(message, options);
  }
}

/** The request is malformed regardless of system state; `violations` names the offending fields. */
export class InvalidArgumentError extends GrpcViolationsError {
  public readonly code = 'INVALID_ARGUMENT';
}

/** The deadline passed before the call completed. */
export class DeadlineExceededError extends GrpcServiceError {
  public readonly code = 'DEADLINE_EXCEEDED';
  constructor(message = 'Deadline exceeded', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** The requested entity does not exist. */
export class NotFoundError extends GrpcServiceError {
  public readonly code = 'NOT_FOUND';
  constructor(message = 'Not found', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** The entity the caller tried to create already exists. */
export class AlreadyExistsError extends GrpcServiceError {
  public readonly code = 'ALREADY_EXISTS';
  constructor(message = 'Already exists', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** The caller is known but not allowed to do this. */
export class PermissionDeniedError extends GrpcServiceError {
  public readonly code = 'PERMISSION_DENIED';
  constructor(message = 'Permission denied', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** A quota, rate limit or bulkhead is full; may succeed later. */
export class ResourceExhaustedError extends GrpcServiceError {
  public readonly code = 'RESOURCE_EXHAUSTED';
  constructor(message = 'Resource exhausted', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/**
 * The system is not in the state the operation needs (e.g. invoice already paid, not enough stock); retrying
 * will not help. `violations` names the fields whose values the state refuses (e.g. a line's quantity).
 */
export class FailedPreconditionError extends GrpcViolationsError {
  public readonly code = 'FAILED_PRECONDITION';
}

/** A concurrency conflict (e.g. optimistic lock); the caller may retry the whole sequence. */
export class AbortedError extends GrpcServiceError {
  public readonly code = 'ABORTED';
  constructor(message = 'Aborted', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** A value is outside the valid range (e.g. reading past the end). */
export class OutOfRangeError extends GrpcServiceError {
  public readonly code = 'OUT_OF_RANGE';
  constructor(message = 'Out of range', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** The method is not implemented by this server. */
export class UnimplementedError extends GrpcServiceError {
  public readonly code = 'UNIMPLEMENTED';
  constructor(message = 'Unimplemented', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** A bug or broken invariant; its message is never sent to the caller. */
export class InternalError extends GrpcServiceError {
  public readonly code = 'INTERNAL';
  constructor(message = 'Internal error', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** The service (or one it depends on critically) is down; the call can be retried later. */
export class UnavailableError extends GrpcServiceError {
  public readonly code = 'UNAVAILABLE';
  constructor(message = 'Unavailable', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** Unrecoverable data loss or corruption. */
export class DataLossError extends GrpcServiceError {
  public readonly code = 'DATA_LOSS';
  constructor(message = 'Data loss', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** The caller did not present valid credentials. */
export class UnauthenticatedError extends GrpcServiceError {
  public readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Unauthenticated', options?: GrpcServiceErrorOptions) {
    super(message, options);
  }
}

/** True for any error of this model, whichever side created it. */
export function isGrpcServiceError(error: unknown): error is GrpcServiceError {
  return error instanceof GrpcServiceError;
}
