// Public API of @gaara/service: the service kernel every composition root hands its parts to.
export {
  runService,
  type RunServiceOptions,
  type ServiceParts,
  type ServiceProcess,
  type Stoppable,
} from './service-kernel';
export { serveGrpc, type ServedGrpc, type ServeGrpcOptions } from './serve-grpc';
export type { ServiceLogger } from './service-logger';
export {
  startInBackground,
  type BackgroundStart,
  type BackgroundStartOptions,
} from './start-in-background';
export { stopOnSignals, type StopOnSignalsOptions } from './stop-on-signals';
export type { ServiceWithBackgroundMessaging } from './running-service';
export { CodedError } from './coded-error';
export { entityNotFoundError } from './entity-not-found-error';
export { RequestViolationsError } from './request-violations-error';
export { stopInOrder, type StopStep } from './stop-in-order';
