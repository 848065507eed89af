import { isUnexpectedError, toGrpcStatus, type GrpcErrorStatus } from '../errors/status-mapping';
import type { GrpcLogger } from '../logger';

/** Maps a handler's error to the status to send, logging what the caller will not be told. */
export function errorReply(
  error: unknown,
  method: string,
  signal: AbortSignal,
  logger: GrpcLogger,
): GrpcErrorStatus {
  // After a cancel or deadline the caller has gone; errors caused by the abort are expected, not bugs.
  if (isUnexpectedError(error) && !signal.aborted) {
    logger.error({ err: error, grpcMethod: method }, 'gRPC handler failed');
  }
  return toGrpcStatus(error);
}
