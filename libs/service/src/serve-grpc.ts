import type { DescService } from '@bufbuild/protobuf';
import { breakerAdminV1 } from '@gaara/contracts';
import { failFastWhileUnreachable, serveWhileDatabaseReachable, type Knex } from '@gaara/db';
import {
  startGrpcServer,
  type GrpcServer,
  type GrpcServerOptions,
  type ServiceRegistration,
} from '@gaara/grpc';
import { defaultBreakerRegistry, type BreakerRegistry } from '@gaara/resilience';
import { breakerAdminService } from './breaker-admin';

/** Options of {@link serveGrpc}: the server's, plus the database its health follows. */
export type ServeGrpcOptions<Services extends readonly DescService[]> = Omit<
  GrpcServerOptions<Services>,
  'handleSignals' | 'exitOnShutdown'
> & {
  /**
   * The service's critical dependency: health is NOT_SERVING while it is unreachable, and its transient errors
   * are not retried meanwhile (requests answer UNAVAILABLE at once). None: always SERVING.
   */
  readonly db?: Knex;
  /** Time between database probes, in milliseconds; defaults to 1000. */
  readonly healthIntervalMs?: number;
  /** Breakers BreakerAdminService lists and steers; defaults to the process-wide registry. */
  readonly breakers?: BreakerRegistry;
};

/** A running gRPC server the kernel can stop. */
export interface ServedGrpc {
  readonly grpc: GrpcServer;
  readonly port: number;
  /** Stops probing the database, then shuts the server down gracefully. */
  stop(): Promise<void>;
}

/**
 * Serves `services`, grpc.health.v1 and BreakerAdminService (the process's breakers); with `db`, health follows the database (NOT_SERVING while it is
 * unreachable, SERVING again when it returns, no restart) and withTransientRetry fails fast while it is unreachable.
 * Signals are the kernel's.
 */
export async function serveGrpc<const Services extends readonly DescService[]>(
  options: ServeGrpcOptions<Services>,
): Promise<ServedGrpc> {
  const { db, healthIntervalMs, breakers, ...server } = options;
  const admin: ServiceRegistration<typeof breakerAdminV1.BreakerAdminService> = {
    service: breakerAdminV1.BreakerAdminService,
    implementation: breakerAdminService(breakers ?? defaultBreakerRegistry),
  };
  // The caller's services are typed one by one where they are declared; here they are one list with ours.
  const services = [
    ...(server.services as readonly ServiceRegistration<DescService>[]),
    admin as unknown as ServiceRegistration<DescService>,
  ];
  const grpc = await startGrpcServer<readonly DescService[]>({
    ...server,
    services,
    handleSignals: false,
  });
  const watcher =
    db === undefined
      ? undefined
      : serveWhileDatabaseReachable(db, grpc.health, {
          intervalMs: healthIntervalMs,
          logger: options.logger,
        });
  // The one place the watcher meets withTransientRetry: every repository's retry fails fast during an outage.
  const releaseFailFast = watcher === undefined ? undefined : failFastWhileUnreachable(watcher);
  return {
    grpc,
    port: grpc.port,
    stop: async () => {
      releaseFailFast?.();
      watcher?.stop();
      await grpc.shutdown();
    },
  };
}
