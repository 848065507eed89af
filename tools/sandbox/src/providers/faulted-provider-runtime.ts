import type { ProviderControlState, ProviderEndpoint } from '../control/control-state';
import { parseProviderUpdate } from '../control/parse-provider-update';
import { CallTally } from '../faults/call-counters';
import { CancellableDelays } from '../faults/cancellable-delays';
import { FaultPlan } from '../faults/fault-plan';
import type { FaultUpdate } from '../faults/fault-settings';
import type { SwitchableListener } from '../listener/switchable-listener';
import type { ProviderModule } from './provider-module';
import type { ProviderRuntime, ProviderUpdate } from './provider-runtime';
import { readControlView } from './read-control-view';

/**
 * What every provider runtime shares, whatever its protocol: the fault plan, counters, held and delayed calls,
 * a switchable listener, the control snapshot and views, and how a control update is applied.
 */
export abstract class FaultedProviderRuntime<M extends ProviderModule> implements ProviderRuntime {
  protected readonly plan = new FaultPlan();
  protected readonly tally = new CallTally();
  protected readonly delays = new CancellableDelays();
  protected abstract readonly held: { readonly count: number; releaseAll(): void };
  protected abstract readonly listener: SwitchableListener;

  protected constructor(
    protected readonly module: M,
    protected readonly host: string,
  ) {}

  /** The listener's URL, e.g. `http://127.0.0.1:8092`. */
  protected abstract urlOf(port: number): string;

  /** Called once the update's faults (and a reset) are applied, before the provider's settings. */
  protected afterFaults?(faults: FaultUpdate): void;

  /** Called before the listener closes on `down`. */
  protected beforeDown?(): void;

  abstract close(): Promise<void>;

  get name(): string {
    return this.module.name;
  }

  get endpoint(): ProviderEndpoint {
    return {
      provider: this.module.name,
      url: this.urlOf(this.listener.port),
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
   * Applies a validated update: `reset` also clears counters and provider state (then the update's settings
   * apply); clearing `hang` releases held calls; `down` closes the listener, `down: false` reopens it.
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
    this.afterFaults?.(faults);
    if (Object.keys(settings).length > 0) this.module.settings?.apply(settings);
    if (wasHanging && !this.plan.settings.hang) this.held.releaseAll();
    if (this.plan.settings.down) {
      this.delays.cancelAll();
      this.beforeDown?.();
      await this.listener.down();
    } else {
      await this.listener.up();
    }
    return this.snapshot();
  }
}
