import type { ProviderControlState, ProviderEndpoint } from '../control/control-state';
import type { FaultUpdate } from '../faults/fault-settings';

/** Where a provider listens. */
export interface ProviderAddress {
  /** Address to bind, e.g. 127.0.0.1. */
  readonly host: string;
  /** Port to bind; 0 = ephemeral. */
  readonly port: number;
}

/** A validated control update: shared fault fields plus the provider's own settings. */
export interface ProviderUpdate {
  readonly faults: FaultUpdate;
  /** Values of {@link ProviderSettings} fields, already validated. */
  readonly settings: Readonly<Record<string, unknown>>;
}

/** A provider running on its own listener behind the fault machinery, as the control plane drives it. */
export interface ProviderRuntime {
  readonly name: string;
  readonly endpoint: ProviderEndpoint;
  snapshot(): ProviderControlState;
  /**
   * Validates a control body (fault fields and the provider's settings) without applying it.
   * @throws ControlValidationError naming the first offending field
   */
  parseUpdate(body: unknown): ProviderUpdate;
  /**
   * Applies a validated update: `reset` clears faults, counters and provider state; `down` closes the listener.
   * @throws ListenFailedError when the listener cannot be reopened
   */
  apply(update: ProviderUpdate): Promise<ProviderControlState>;
  /**
   * The read-only control view `name` (e.g. `charges`).
   * @throws UnknownControlViewError when the provider has no such view
   */
  view(name: string): unknown;
  /** Stops listening, drops held and delayed work; bounded, idempotent. */
  close(): Promise<void>;
}

/** The update `POST /_control/<name>/reset` applies. */
export const resetUpdate: ProviderUpdate = Object.freeze({ faults: { reset: true }, settings: {} });
