import Fastify from 'fastify';
import { SandboxControlClient } from './control/control-client';
import type { ProviderEndpoint, SandboxProviderName } from './control/control-state';
import { registerControlRoutes } from './control/register-control-routes';
import { ListenFailedError } from './errors';
import { httpUrl } from './listener/http-url';
import {
  createExternalDataProvider,
  type ExternalDataProviderOptions,
} from './providers/external/external-data-provider';
import { HttpProviderRuntime } from './providers/http-provider-runtime';

/** Options of {@link startSandbox}; every port defaults to 0 (ephemeral), as tests want. */
export interface SandboxOptions {
  /** Address every listener binds. Default `127.0.0.1`. */
  readonly host?: string;
  /** Port of the control plane (`/_health`, `/_control`). Default 0. */
  readonly port?: number;
  /** The fake external data API and the port of its own listener (default 0). */
  readonly external?: ExternalDataProviderOptions & { readonly port?: number };
}

/** A running sandbox. */
export interface RunningSandbox {
  /** Base URL of the control plane, e.g. `http://127.0.0.1:8090`. */
  readonly url: string;
  readonly port: number;
  /** Each provider's own listener (its API is served there, not on the control port). */
  readonly providers: Readonly<Record<SandboxProviderName, ProviderEndpoint>>;
  /** Typed client of the control endpoint. */
  readonly controls: SandboxControlClient;
  /** Stops every listener and drops hung or delayed calls; bounded, idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the sandbox in this process: one listener per provider plus the control plane.
 * @throws ListenFailedError when a port cannot be bound (everything already started is closed)
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const runtimes = new Map<string, HttpProviderRuntime>();
  const control = Fastify({ logger: false, forceCloseConnections: true });

  const closeAll = async () => {
    await Promise.all([...runtimes.values()].map((runtime) => runtime.close()));
    await control.close();
  };

  let external: HttpProviderRuntime;
  try {
    external = await HttpProviderRuntime.start(createExternalDataProvider(options.external), {
      host,
      port: options.external?.port ?? 0,
    });
    runtimes.set(external.name, external);
    registerControlRoutes(control, runtimes);
    await listenControl(control, host, options.port ?? 0);
  } catch (error: unknown) {
    await closeAll();
    throw error;
  }

  const address = control.server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  const url = httpUrl(host, port);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    get providers() {
      return { external: external.endpoint };
    },
    controls: new SandboxControlClient(url),
    close: () => (closing ??= closeAll()),
  };
}

async function listenControl(
  control: ReturnType<typeof Fastify>,
  host: string,
  port: number,
): Promise<void> {
  try {
    await control.listen({ host, port });
  } catch (error: unknown) {
    throw new ListenFailedError(`${host}:${port}`, { cause: error });
  }
}
