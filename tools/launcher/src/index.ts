// Public API of @gaara/launcher: starts and supervises the store's processes.
export { delay, type GrpcHealth, grpcHealth, httpStatus, pollUntil } from './health';
export {
  defaultPorts,
  launchStore,
  type Replica,
  type ReplicableService,
  type LaunchOptions,
  type Readiness,
  type RunningStore,
  type ServiceName,
  serviceNames,
  type ServiceState,
  type StorePorts,
} from './launcher';
export { freePort, freePorts } from './ports';
