import type { DescService } from '@bufbuild/protobuf';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { healthV1 } from '@gaara/contracts';
import { createHealthImplementation } from '../health/health-service';
import { HealthStatusMap } from '../health/health-status-map';
import { silentLogger, type GrpcLogger } from '../logger';
import { addReflection } from './reflection';
import { createServiceBinding } from './service-definition';
import type { ServiceImplementation } from './service-implementation';

/** One service to serve: its protobuf-es descriptor and one handler per method. */
export interface ServiceRegistration<S extends DescService> {
  readonly service: S;
  readonly implementation: ServiceImplementation<S>;
}

/** Options of {@link startGrpcServer}. */
export interface GrpcServerOptions<Services extends readonly DescService[]> {
  /** Interface to bind, defaults to `127.0.0.1`; use `0.0.0.0` in containers. */
  readonly host?: string;
  /** TCP port; 0 (the default) picks a free one, read it back from `port`. */
  readonly port?: number;
  /** Services to serve; grpc.health.v1.Health and server reflection (grpc.reflection.v1, v1alpha) are added automatically. */
  readonly services: { readonly [K in keyof Services]: ServiceRegistration<Services[K]> };
  /** Receives handler failures and shutdown progress; defaults to silent. Pass the service's pino logger. */
  readonly logger?: GrpcLogger;
  /** How long shutdown waits for in-flight calls before cancelling them, in milliseconds; defaults to 10000. */
  readonly shutdownTimeoutMs?: number;
  /** Shut down gracefully on SIGTERM and SIGINT; defaults to true. */
  readonly handleSignals?: boolean;
  /** After a signal-triggered shutdown completes, call process.exit(0); defaults to false (the caller decides). */
  readonly exitOnShutdown?: boolean;
}

/** A running server. */
export interface GrpcServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  /** Health statuses served by grpc.health.v1; "" is the whole server, each service is keyed by its typeName. */
  readonly health: HealthStatusMap;
  /**
   * Graceful shutdown: report NOT_SERVING, refuse new calls, wait for in-flight calls up to shutdownTimeoutMs,
   * then cancel what is left. Idempotent: every call returns the same promise.
   */
  shutdown(): Promise<void>;
  /** Settles when shutdown has completed, however it was triggered (signal or shutdown()). */
  readonly closed: Promise<void>;
}

const shutdownSignals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/** Starts a gRPC server with health checking, server reflection and graceful shutdown; resolves once it listens. */
export async function startGrpcServer<const Services extends readonly DescService[]>(
  options: GrpcServerOptions<Services>,
): Promise<GrpcServer> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? silentLogger;
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const server = new Server();
  const health = new HealthStatusMap();

  // The mapped tuple type keeps each implementation checked against its own service; walk it as the base type.
  const registrations = options.services as readonly ServiceRegistration<DescService>[];
  for (const { service, implementation } of registrations) {
    const binding = createServiceBinding(service, implementation, { logger });
    server.addService(binding.definition, binding.handlers);
    health.setStatus(service.typeName, 'SERVING');
  }
  const healthBinding = createServiceBinding(healthV1.Health, createHealthImplementation(health), {
    logger,
  });
  server.addService(healthBinding.definition, healthBinding.handlers);
  health.setStatus('', 'SERVING');
  addReflection(server, [...registrations.map((r) => r.service), healthV1.Health]);

  const port = await bind(server, `${formatHost(host)}:${options.port ?? 0}`);

  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let shutdownPromise: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info?.({ signal }, 'Shutting down gRPC server');
    void shutdown().then(() => {
      if (options.exitOnShutdown === true) process.exit(0);
    });
  };
  const removeSignalHandlers = (): void => {
    for (const signal of shutdownSignals) process.removeListener(signal, onSignal);
  };
  const shutdown = (): Promise<void> => {
    shutdownPromise ??= (async () => {
      health.setAll('NOT_SERVING');
      health.close();
      await drain(server, shutdownTimeoutMs, logger);
      removeSignalHandlers();
      resolveClosed();
    })();
    return shutdownPromise;
  };
  if (options.handleSignals ?? true) {
    for (const signal of shutdownSignals) process.on(signal, onSignal);
  }
  logger.info?.({ host, port }, 'gRPC server listening');
  return { port, health, shutdown, closed };
}

function bind(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    );
  });
}

/** Waits for in-flight calls, then forces the rest; new calls are refused from the start. */
function drain(server: Server, timeoutMs: number, logger: GrpcLogger): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      logger.warn?.({ timeoutMs }, 'gRPC calls still running at shutdown timeout, cancelling them');
      server.forceShutdown();
      resolve();
    }, timeoutMs);
    server.tryShutdown((error) => {
      clearTimeout(timer);
      if (error !== undefined) logger.error({ err: error }, 'gRPC server shutdown failed');
      resolve();
    });
  });
}

/** IPv6 literals need brackets in a host:port address. */
function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
