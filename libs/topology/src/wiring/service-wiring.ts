import type { GrpcServiceName } from '../default-ports';
import { NOTIFICATIONS_QUEUE, PAYMENTS_QUEUE, type RetryQueue } from '../retry-queues';

/** Every process of the store: the gRPC services, the HTTP gateway and the sandbox of fake third parties. */
export type StoreProcessName = GrpcServiceName | 'gateway' | 'sandbox';

/** A third-party endpoint a service calls, served locally by the sandbox. */
export type ThirdParty = 'paymentProvider' | 'smtp' | 'externalApi';

/** What one service is wired to: the facts every environment (launcher, compose) is derived from. */
export interface ServiceWiring {
  /** Serves gRPC (with a separate metrics port) or HTTP (metrics on the same port). */
  readonly serves: 'grpc' | 'http';
  /** Owns a PostgreSQL schema named after it. */
  readonly database: boolean;
  /** Talks to Kafka. */
  readonly kafka: boolean;
  /** Our gRPC services it calls (GAARA_<PEER>_ADDR each). */
  readonly peers: readonly GrpcServiceName[];
  readonly thirdParties: readonly ThirdParty[];
  /** Retry queues whose tier delays it reads (GAARA_<QUEUE>_RETRY_DELAYS). */
  readonly retryQueues: readonly RetryQueue[];
}

/** The store's services and what each one calls, declared once. */
export const SERVICE_WIRING: Readonly<Record<Exclude<StoreProcessName, 'sandbox'>, ServiceWiring>> =
  {
    catalog: {
      serves: 'grpc',
      database: true,
      // Settles stock reservations from payments.events.
      kafka: true,
      peers: [],
      thirdParties: [],
      retryQueues: [],
    },
    invoice: {
      serves: 'grpc',
      database: true,
      kafka: true,
      peers: ['catalog'],
      thirdParties: [],
      retryQueues: [],
    },
    payment: {
      serves: 'grpc',
      database: true,
      kafka: true,
      peers: [],
      thirdParties: ['paymentProvider'],
      retryQueues: [PAYMENTS_QUEUE],
    },
    notification: {
      serves: 'grpc',
      database: true,
      kafka: true,
      peers: [],
      thirdParties: ['smtp'],
      retryQueues: [NOTIFICATIONS_QUEUE],
    },
    aggregator: {
      serves: 'grpc',
      database: false,
      kafka: true,
      peers: ['catalog', 'invoice', 'payment', 'notification'],
      thirdParties: [],
      retryQueues: [],
    },
    gateway: {
      serves: 'http',
      database: false,
      kafka: true,
      // Notification only for its breakers (the admin API); the others for the user paths too.
      peers: ['catalog', 'invoice', 'aggregator', 'payment', 'notification'],
      thirdParties: ['externalApi'],
      // The dead-letter admin routes read the tiers of both queues.
      retryQueues: [PAYMENTS_QUEUE, NOTIFICATIONS_QUEUE],
    },
  };
