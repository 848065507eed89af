import { status as GrpcStatus } from '@grpc/grpc-js';

/** Stable, transport-independent name of every non-OK gRPC status; this is what callers branch on. */
export type GrpcErrorCode =
  | 'CANCELLED'
  | 'UNKNOWN'
  | 'INVALID_ARGUMENT'
  | 'DEADLINE_EXCEEDED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'PERMISSION_DENIED'
  | 'RESOURCE_EXHAUSTED'
  | 'FAILED_PRECONDITION'
  | 'ABORTED'
  | 'OUT_OF_RANGE'
  | 'UNIMPLEMENTED'
  | 'INTERNAL'
  | 'UNAVAILABLE'
  | 'DATA_LOSS'
  | 'UNAUTHENTICATED';

/** The single table between domain codes and wire statuses; both directions derive from it. */
export const grpcStatusByCode: Readonly<Record<GrpcErrorCode, GrpcStatus>> = {
  CANCELLED: GrpcStatus.CANCELLED,
  UNKNOWN: GrpcStatus.UNKNOWN,
  INVALID_ARGUMENT: GrpcStatus.INVALID_ARGUMENT,
  DEADLINE_EXCEEDED: GrpcStatus.DEADLINE_EXCEEDED,
  NOT_FOUND: GrpcStatus.NOT_FOUND,
  ALREADY_EXISTS: GrpcStatus.ALREADY_EXISTS,
  PERMISSION_DENIED: GrpcStatus.PERMISSION_DENIED,
  RESOURCE_EXHAUSTED: GrpcStatus.RESOURCE_EXHAUSTED,
  FAILED_PRECONDITION: GrpcStatus.FAILED_PRECONDITION,
  ABORTED: GrpcStatus.ABORTED,
  OUT_OF_RANGE: GrpcStatus.OUT_OF_RANGE,
  UNIMPLEMENTED: GrpcStatus.UNIMPLEMENTED,
  INTERNAL: GrpcStatus.INTERNAL,
  UNAVAILABLE: GrpcStatus.UNAVAILABLE,
  DATA_LOSS: GrpcStatus.DATA_LOSS,
  UNAUTHENTICATED: GrpcStatus.UNAUTHENTICATED,
};

const codeByGrpcStatus = new Map<number, GrpcErrorCode>(
  Object.entries(grpcStatusByCode).map(([code, status]) => [status, code as GrpcErrorCode]),
);

/** Domain code for a wire status; statuses this table does not know (including OK misused as an error) read as UNKNOWN. */
export function grpcErrorCodeOf(status: number): GrpcErrorCode {
  return codeByGrpcStatus.get(status) ?? 'UNKNOWN';
}

/** Codes whose message may carry internals (stack traces, SQL, hostnames): never sent to a caller. */
export const opaqueErrorCodes: ReadonlySet<GrpcErrorCode> = new Set<GrpcErrorCode>([
  'UNKNOWN',
  'INTERNAL',
  'DATA_LOSS',
]);
