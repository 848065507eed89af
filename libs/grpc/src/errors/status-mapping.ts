import { Metadata, type StatusObject } from '@grpc/grpc-js';
import {
  grpcErrorCodeOf,
  grpcStatusByCode,
  opaqueErrorCodes,
  type GrpcErrorCode,
} from './grpc-error-code';
// A namespace import: the factory table below is the one place that names every error class.
import * as errors from './grpc-service-error';
import type { FieldViolation, GrpcServiceErrorOptions } from './grpc-service-error';

/** Trailer carrying InvalidArgumentError's and FailedPreconditionError's field violations as UTF-8 JSON (binary header, so any text survives). */
export const fieldViolationsTrailer = 'gaara-field-violations-bin';

/** The message every opaque error (INTERNAL, UNKNOWN, DATA_LOSS) is sent with. */
export const internalErrorMessage = 'Internal error';

/** What the server sends for an error: the gRPC status plus trailers. */
export type GrpcErrorStatus = Pick<StatusObject, 'code' | 'details' | 'metadata'>;

/**
 * Maps anything a handler threw to the status sent on the wire; the only place server errors are translated.
 * Errors outside the model, and opaque codes, become INTERNAL/UNKNOWN/DATA_LOSS with a generic message.
 */
export function toGrpcStatus(error: unknown): GrpcErrorStatus {
  const metadata = new Metadata();
  if (!(error instanceof errors.GrpcServiceError)) {
    return { code: grpcStatusByCode.INTERNAL, details: internalErrorMessage, metadata };
  }
  const violations = error instanceof errors.GrpcViolationsError ? error.violations : [];
  if (violations.length > 0) {
    metadata.set(fieldViolationsTrailer, Buffer.from(JSON.stringify(violations), 'utf8'));
  }
  const details = opaqueErrorCodes.has(error.code) ? internalErrorMessage : error.message;
  return { code: grpcStatusByCode[error.code], details, metadata };
}

/** True when the error is not part of the model or hides its message, i.e. it should be logged server-side. */
export function isUnexpectedError(error: unknown): boolean {
  return !(error instanceof errors.GrpcServiceError) || opaqueErrorCodes.has(error.code);
}

/** Status as received by a client: grpc-js hands over `{ code, details, metadata }` on its ServiceError. */
export interface ReceivedGrpcStatus {
  readonly code: number;
  readonly details?: string;
  readonly metadata?: Metadata;
}

type ErrorFactory = (
  message: string,
  options: GrpcServiceErrorOptions,
  metadata: Metadata | undefined,
) => errors.GrpcServiceError;

const errorFactories: Readonly<Record<GrpcErrorCode, ErrorFactory>> = {
  CANCELLED: (m, o) => new errors.CancelledError(m, o),
  UNKNOWN: (m, o) => new errors.UnknownError(m, o),
  INVALID_ARGUMENT: (m, o, metadata) =>
    new errors.InvalidArgumentError(m, readFieldViolations(metadata), o),
  DEADLINE_EXCEEDED: (m, o) => new errors.DeadlineExceededError(m, o),
  NOT_FOUND: (m, o) => new errors.NotFoundError(m, o),
  ALREADY_EXISTS: (m, o) => new errors.AlreadyExistsError(m, o),
  PERMISSION_DENIED: (m, o) => new errors.PermissionDeniedError(m, o),
  RESOURCE_EXHAUSTED: (m, o) => new errors.ResourceExhaustedError(m, o),
  FAILED_PRECONDITION: (m, o, metadata) =>
    new errors.FailedPreconditionError(m, readFieldViolations(metadata), o),
  ABORTED: (m, o) => new errors.AbortedError(m, o),
  OUT_OF_RANGE: (m, o) => new errors.OutOfRangeError(m, o),
  UNIMPLEMENTED: (m, o) => new errors.UnimplementedError(m, o),
  INTERNAL: (m, o) => new errors.InternalError(m, o),
  UNAVAILABLE: (m, o) => new errors.UnavailableError(m, o),
  DATA_LOSS: (m, o) => new errors.DataLossError(m, o),
  UNAUTHENTICATED: (m, o) => new errors.UnauthenticatedError(m, o),
};

/** Turns a status received by a client into the typed error of the model; `cause` keeps the raw grpc-js error. */
export function fromGrpcStatus(
  received: ReceivedGrpcStatus,
  cause?: unknown,
): errors.GrpcServiceError {
  const code = grpcErrorCodeOf(received.code);
  const details = received.details ?? '';
  const message = details === '' ? code : details;
  return errorFactories[code](message, { cause, details }, received.metadata);
}

function readFieldViolations(metadata: Metadata | undefined): FieldViolation[] {
  const raw = metadata?.get(fieldViolationsTrailer)[0];
  if (raw === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : raw);
    return Array.isArray(parsed) ? parsed.filter(isFieldViolation) : [];
  } catch {
    // A malformed trailer must not hide the status itself.
    return [];
  }
}

function isFieldViolation(value: unknown): value is FieldViolation {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['field'] === 'string' && typeof candidate['description'] === 'string';
}
