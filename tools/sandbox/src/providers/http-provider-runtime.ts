import { createServer, type Server } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ProviderControlState, ProviderEndpoint } from '../control/control-state';
import { CallTally } from '../faults/call-counters';
import { CancellableDelays } from '../faults/cancellable-delays';
import { FaultPlan } from '../faults/fault-plan';
import { HeldCalls } from '../faults/held-calls';
import { installFaultGate } from '../faults/install-fault-gate';
import { httpUrl } from '../listener/http-url';
import { SwitchableListener } from '../listener/switchable-listener';
import { parseProviderUpdate } from '../control/parse-provider-update';
import type { HttpProviderModule } from './http-provider-module';
import type { ProviderAddress, ProviderRuntime, ProviderUpdate } from './provider-runtime';
import { readControlView } from './read-control-view';

/** An HTTP provider module running behind the shared fault machinery on its own switchable listener. */
export class HttpProviderRuntime implements ProviderRuntime {
  private readonly plan = new FaultPlan();
  private readonly tally = new CallTally();
  private readonly held = new HeldCalls();
  private readonly delays = new CancellableDelays();

  private constructor(
    private readonly module: HttpProviderModule,
    private readonly app: FastifyInstance,
    private readonly listener: SwitchableListener,
    private readonly host: string,
  ) {}

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

  get name(): string {
    return this.module.name;
  }

  get endpoint(): ProviderEndpoint {
    return {
      provider: this.module.name,
      url: httpUrl(this.host, this.listener.port),
      port: this.listener.port,
      up: this.listener.isUp,
    };
  }

  snapshot(): ProviderControlState {
    const { provider, url, up } = this.endpoint;
    return {
      provider,
      url,
      up,
      faults: this.plan.settings,
      counters: this.tally.snapshot(this.held.count),
      state: this.module.describe(),
    };
  }

  parseUpdate(body: unknown): ProviderUpdate {
    return parseProviderUpdate(body, this.module.settings);
  }

  view(name: string): unknown {
    return readControlView(this.module, name);
  }

  /**
   * Applies a validated update: `reset` also clears counters, provider state and held calls (then the
   * update's settings apply); clearing `hang` releases held calls; `down` closes the listener, `down: false` reopens it.
   * @throws ListenFailedError when the listener cannot be reopened
   */
  async apply(update: ProviderUpdate): Promise<ProviderControlState> {
    const { faults, settings } = update;
    const wasHanging = this.plan.settings.hang;
    this.plan.apply(faults);
    if (faults.reset === true) {
      this.tally.clear();
      this.module.reset();
    }
    if (Object.keys(settings).length > 0) this.module.settings?.apply(settings);
    if (wasHanging && !this.plan.settings.hang) this.held.releaseAll();
    if (this.plan.settings.down) {
      this.delays.cancelAll();
      await this.listener.down();
    } else {
      await this.listener.up();
    }
    return this.snapshot();
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
