import type { DescService } from '@bufbuild/protobuf';
import {
  startGrpcServer,
  type GrpcServer,
  type ServiceRegistration,
} from '../server/start-grpc-server';

/**
 * Serves one fake service on 127.0.0.1 for a test: `port` 0 (the default) picks a free one, signals are left
 * to the test runner and shutdown waits at most 50 ms for calls in flight.
 */
export function startFakeServer<S extends DescService>(
  registration: ServiceRegistration<S>,
  port = 0,
): Promise<GrpcServer> {
  return startGrpcServer({
    port,
    handleSignals: false,
    shutdownTimeoutMs: 50,
    services: [registration],
  });
}
