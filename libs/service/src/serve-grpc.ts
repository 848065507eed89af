import type { DescService } from '@bufbuild/protobuf';
import { serveWhileDatabaseReachable, type Knex } from '@gaara/db';
import { startGrpcServer, type GrpcServer, type GrpcServerOptions } from '@gaara/grpc';

/** Options of {@link serveGrpc}: the server's, plus the database its health follows. */
export type ServeGrpcOptions<Services extends readonly DescService[]> = Omit<
  GrpcServerOptions<Services>,
  'handleSignals' | 'exitOnShutdown'
> & {
  /** The service's critical dependency: health is NOT_SERVING while it is unreachable. None: always SERVING. */
  readonly db?: Knex;
  /** Time between database probes, in milliseconds; defaults to 1000. */
  readonly healthIntervalMs?: number;
};

/** A running gRPC server the kernel can stop. */
export interface ServedGrpc {
  readonly grpc: GrpcServer;
  readonly port: number;
  /** Stops probing the database, then shuts the server down gracefully. */
  stop(): Promise<void>;
}

/**
 * Serves `services` and grpc.health.v1; with `db`, health follows the database (NOT_SERVING while it is
 * unreachable, SERVING again when it returns, no restart). Signals are the kernel's.
 */
export async function serveGrpc<const Services extends readonly DescService[]>(
  options: ServeGrpcOptions<Services>,
): Promise<ServedGrpc> {
  const { db, healthIntervalMs, ...server } = options;
  const grpc = await startGrpcServer({ ...server, handleSignals: false });
  const watcher =
    db === undefined
      ? undefined
      : serveWhileDatabaseReachable(db, grpc.health, {
          intervalMs: healthIntervalMs,
          logger: options.logger,
        });
  return {
    grpc,
    port: grpc.port,
    stop: async () => {
      watcher?.stop();
      await grpc.shutdown();
    },
  };
}
