// Public API of @gaara/grpc: protobuf-es services served and called over @grpc/grpc-js.

export type { GrpcErrorCode } from './errors/grpc-error-code';
export {
  AbortedError,
  AlreadyExistsError,
  CancelledError,
  DataLossError,
  DeadlineExceededError,
  FailedPreconditionError,
  type FieldViolation,
  GrpcServiceError,
  type GrpcServiceErrorOptions,
  InternalError,
  InvalidArgumentError,
  isGrpcServiceError,
  NotFoundError,
  OutOfRangeError,
  PermissionDeniedError,
  ResourceExhaustedError,
  UnauthenticatedError,
  UnavailableError,
  UnimplementedError,
  UnknownError,
} from './errors/grpc-service-error';
export {
  fieldViolationsTrailer,
  fromGrpcStatus,
  type GrpcErrorStatus,
  internalErrorMessage,
  type ReceivedGrpcStatus,
  toGrpcStatus,
} from './errors/status-mapping';
export type { GrpcLogger } from './logger';

export type { CallContext } from './server/call-context';
export type {
  MethodImplementation,
  ServerStreamingHandler,
  ServiceImplementation,
  UnaryHandler,
} from './server/service-implementation';
export {
  createServiceBinding,
  type GrpcServiceBinding,
  methodPath,
  type ServiceBindingOptions,
} from './server/service-definition';
export { withUnimplemented } from './server/unimplemented';
export {
  type GrpcServer,
  type GrpcServerOptions,
  type ServiceRegistration,
  startGrpcServer,
} from './server/start-grpc-server';
export { type HealthStatus, HealthStatusMap } from './health/health-status-map';

export { type CallOptions, defaultDeadlineMs } from './client/call-options';
export { defaultChannelOptions } from './client/channel-options';
export {
  type ClientMethod,
  type ClientOptions,
  createClient,
  type GrpcClient,
  type ServerStreamingClientMethod,
  type UnaryClientMethod,
} from './client/create-client';
