import type { CallCounters } from '../faults/call-counters';
import type { FaultSettings } from '../faults/fault-settings';

/** Names of the fake providers the sandbox runs; payment and smtp join later. */
export type SandboxProviderName = 'external';

/** What `GET /_control/<provider>` answers: where the provider listens, its faults and its counters. */
export interface ProviderControlState {
  readonly provider: string;
  /** Base URL of the provider's own listener, e.g. `http://127.0.0.1:8091`. */
  readonly url: string;
  /** False while `down` keeps the listener closed. */
  readonly up: boolean;
  readonly faults: FaultSettings;
  readonly counters: CallCounters;
  /** Provider-specific state, e.g. `{ version }` for the external data API. */
  readonly state: Readonly<Record<string, unknown>>;
}

/** One entry of `GET /_control`. */
export interface ProviderEndpoint {
  readonly provider: string;
  readonly url: string;
  readonly port: number;
  readonly up: boolean;
}

/** Body of every non-2xx control answer. */
export interface ControlErrorBody {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  readonly reason?: string;
}
