import { sandboxUrls } from './wiring/sandbox-urls';

/**
 * The store's default ports on one machine (npm start, README, compose's published ports): declared once here;
 * each service's configuration and the launcher take their defaults from it. All below Linux's ephemeral range
 * (32768-60999): gRPC's customary 50051-50055 were in it, and an outgoing connection (one to Kafka, say) that
 * happened to hold such a port made `npm start` fail with EADDRINUSE.
 */
export const DEFAULT_PORTS = {
  catalog: { grpc: 9451, metrics: 9461 },
  invoice: { grpc: 9452, metrics: 9462 },
  payment: { grpc: 9453, metrics: 9463 },
  notification: { grpc: 9454, metrics: 9464 },
  aggregator: { grpc: 9455, metrics: 9465 },
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
