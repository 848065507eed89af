import { sandboxUrls } from './wiring/sandbox-urls';

/**
 * The store's default ports on one machine (npm start, README, compose's published ports): declared once here;
 * each service's configuration and the launcher take their defaults from it.
 */
export const DEFAULT_PORTS = {
  catalog: { grpc: 50051, metrics: 9461 },
  invoice: { grpc: 50052, metrics: 9462 },
  payment: { grpc: 50053, metrics: 9463 },
  notification: { grpc: 50054, metrics: 9464 },
  aggregator: { grpc: 50055, metrics: 9465 },
  /** HTTP; its /metrics is on the same port. */
  gateway: { http: 8080 },
  /** Control plane, external data API, payment provider, SMTP sink. */
  sandbox: { control: 8090, external: 8091, payment: 8092, smtp: 2525 },
} as const;

/** The gRPC services and their default gRPC and metrics ports. */
export type GrpcServiceName = 'catalog' | 'invoice' | 'payment' | 'notification' | 'aggregator';

/** `127.0.0.1:<default gRPC port>` of a service: the default address its clients dial on one machine. */
export function localGrpcAddress(name: GrpcServiceName): string {
  return `127.0.0.1:${DEFAULT_PORTS[name].grpc}`;
}

/** The sandbox's local endpoints: the defaults of the services' third-party URLs on one machine. */
export const LOCAL_SANDBOX = sandboxUrls('127.0.0.1', DEFAULT_PORTS.sandbox);
