import { createServer, type Server } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { HeldCalls } from '../faults/held-calls';
import { installFaultGate } from '../faults/install-fault-gate';
import { httpUrl } from '../listener/http-url';
import { SwitchableListener } from '../listener/switchable-listener';
import { FaultedProviderRuntime } from './faulted-provider-runtime';
import type { HttpProviderModule } from './http-provider-module';
import type { ProviderAddress } from './provider-runtime';

/** An HTTP provider module running behind the shared fault machinery on its own switchable listener. */
export class HttpProviderRuntime extends FaultedProviderRuntime<HttpProviderModule> {
  protected readonly held = new HeldCalls();

  private constructor(
    module: HttpProviderModule,
    private readonly app: FastifyInstance,
    protected readonly listener: SwitchableListener,
    host: string,
  ) {
    super(module, host);
  }

  /**
   * Builds the provider's app and starts listening.
   * @throws ListenFailedError when the port cannot be bound
   */
  static async start(
    module: HttpProviderModule,
    address: ProviderAddress,
  ): Promise<HttpProviderRuntime> {
    let server: Server | undefined;
    // Own server so the listener can close and reopen it; Fastify never listens or closes it itself.
    const app = Fastify({
      logger: false,
      serverFactory: (handler) => {
        server = createServer({ requestTimeout: 0 }, handler);
        return server;
      },
    });
    if (server === undefined) throw new Error('Fastify did not call serverFactory');
    const listener = new SwitchableListener(server, address.host, address.port);
    const runtime = new HttpProviderRuntime(module, app, listener, address.host);
    const { plan, tally, held, delays } = runtime;
    if (module.onArrival !== undefined) {
      // Registered before the gate so faulted calls are seen too.
      app.addHook('onRequest', async (request) => module.onArrival?.(request));
    }
    installFaultGate(app, { plan, tally, held, delays });
    module.register(app);
    await app.ready();
    await listener.up();
    return runtime;
  }

  protected urlOf(port: number): string {
    return httpUrl(this.host, port);
  }

  /** Stops listening, drops held and delayed calls; bounded even with calls in flight. */
  async close(): Promise<void> {
    this.delays.cancelAll();
    this.held.releaseAll();
    this.module.close?.();
    await this.listener.down();
    await this.app.close();
  }
}
