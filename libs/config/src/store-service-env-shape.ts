import { DEFAULT_PORTS } from '@gaara/topology';
import { databaseEnvShape } from './database-env-shape';
import { grpcServerEnvShape } from './grpc-server-env-shape';
import { kafkaEnvShape } from './kafka-env-shape';
import { serviceEnvShape } from './service-env-shape';

/**
 * The variables of a gRPC service that owns a database schema (named after it) and talks to Kafka: the
 * service, gRPC server, database and Kafka shapes, with the declared default ports.
 */
export function storeServiceEnvShape(name: 'catalog' | 'invoice' | 'payment' | 'notification') {
  const ports = DEFAULT_PORTS[name];
  return {
    ...serviceEnvShape({ serviceName: name, metricsPort: ports.metrics }),
    ...grpcServerEnvShape({ port: ports.grpc }),
    ...databaseEnvShape({ schema: name }),
    ...kafkaEnvShape(),
  };
}
