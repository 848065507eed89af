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
import {
  createPaymentProvider,
  type PaymentProviderOptions,
} from './providers/payment/payment-provider';
import type { ProviderRuntime } from './providers/provider-runtime';
import { SmtpProviderRuntime } from './providers/smtp/smtp-provider-runtime';
import { createSmtpSink } from './providers/smtp/smtp-sink';

/** Options of {@link startSandbox}; every port defaults to 0 (ephemeral), as tests want. */
export interface SandboxOptions {
  /** Address every listener binds. Default `127.0.0.1`. */
  readonly host?: string;
  /** Port of the control plane (`/_health`, `/_control`). Default 0. */
  readonly port?: number;
  /** The fake external data API and the port of its own listener (default 0). */
  readonly external?: ExternalDataProviderOptions & { readonly port?: number };
  /** The fake payment provider and the port of its own listener (default 0). */
  readonly payment?: PaymentProviderOptions & { readonly port?: number };
  /** The SMTP sink and the port of its listener (default 0). */
  readonly smtp?: { readonly port?: number };
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

type ProviderStarters = Readonly<
  Record<SandboxProviderName, (host: string) => Promise<ProviderRuntime>>
>;

/** Start order; also the order of `GET /_control`. */
const providerNames: readonly SandboxProviderName[] = ['external', 'payment', 'smtp'];

function providerStarters(options: SandboxOptions): ProviderStarters {
  return {
    external: (host) =>
      HttpProviderRuntime.start(createExternalDataProvider(options.external), {
        host,
        port: options.external?.port ?? 0,
      }),
    payment: (host) =>
      HttpProviderRuntime.start(createPaymentProvider(options.payment), {
        host,
        port: options.payment?.port ?? 0,
      }),
    smtp: (host) =>
      SmtpProviderRuntime.start(createSmtpSink(), { host, port: options.smtp?.port ?? 0 }),
  };
}

/**
 * Starts the sandbox in this process: one listener per provider (external, payment, smtp) plus the control plane.
 * @throws ListenFailedError when a port cannot be bound (everything already started is closed)
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const host = options.host ?? '127.0.0.1';
  const runtimes = new Map<SandboxProviderName, ProviderRuntime>();
  const control = Fastify({ logger: false, forceCloseConnections: true });

  const closeAll = async () => {
    await Promise.all([...runtimes.values()].map((runtime) => runtime.close()));
    await control.close();
  };

  try {
    const starters = providerStarters(options);
    for (const name of providerNames) runtimes.set(name, await starters[name](host));
    registerControlRoutes(control, runtimes);
    await listenControl(control, host, options.port ?? 0);
  } catch (error: unknown) {
    await closeAll();
    throw error;
  }

  const endpointOf = (name: SandboxProviderName): ProviderEndpoint => {
    const runtime = runtimes.get(name);
    if (runtime === undefined) throw new Error(`provider ${name} was not started`);
    return runtime.endpoint;
  };
  const address = control.server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  const url = httpUrl(host, port);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    get providers() {
      return {
        external: endpointOf('external'),
        payment: endpointOf('payment'),
        smtp: endpointOf('smtp'),
      };
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
