// Public API of @gaara/launcher: starts and supervises the store's processes.
export { delay, type GrpcHealth, grpcHealth, httpStatus, pollUntil } from './health';
export {
  defaultPorts,
  ephemeralPorts,
  launchStore,
  type Replica,
  type LaunchOptions,
  type Readiness,
  type RunningStore,
  type ServiceState,
  type StorePorts,
} from './launcher';
export { freePort, freePorts } from './ports';
export { DEFAULT_RESTART_POLICY, nextRestart, type RestartPolicy } from './restart-backoff';
export {
  replicableServices,
  type ReplicableService,
  type ServiceName,
  serviceNames,
  storeProjects,
  storeServices,
  type StoreService,
} from './store-services';
