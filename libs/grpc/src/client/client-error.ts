import { fromGrpcStatus } from '../errors/status-mapping';
import { GrpcServiceError, UnknownError } from '../errors/grpc-service-error';

/** Normalises whatever a grpc-js call failed with into the error model. */
export function toClientError(error: unknown): GrpcServiceError {
  if (error instanceof GrpcServiceError) return error;
  if (isStatusError(error)) return fromGrpcStatus(error, error);
  return new UnknownError('gRPC call failed', { cause: error });
}

function isStatusError(error: unknown): error is { code: number; details?: string } {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'number'
  );
}
