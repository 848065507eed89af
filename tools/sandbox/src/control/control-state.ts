import type { CallCounters } from '../faults/call-counters';
import type { FaultSettings, FaultUpdate } from '../faults/fault-settings';

/** Names of the fake providers the sandbox runs. */
export type SandboxProviderName = 'external' | 'payment' | 'smtp';

/** What `GET /_control/<provider>` answers: where the provider listens, its faults and its counters. */
export interface ProviderControlState {
  readonly provider: string;
  /** Base URL of the provider's own listener, e.g. `http://127.0.0.1:8091` (`smtp://127.0.0.1:2525` for smtp). */
  readonly url: string;
  /** False while `down` keeps the listener closed. */
  readonly up: boolean;
  readonly faults: FaultSettings;
  /** For smtp, one call is one DATA command and `byStatus` holds SMTP reply codes. */
  readonly counters: CallCounters;
  /** Provider-specific state and settings, e.g. `{ version }` (external), `{ respondDelayMs, charges, … }` (payment). */
  readonly state: Readonly<Record<string, unknown>>;
}

/** One entry of `GET /_control`. */
export interface ProviderEndpoint {
  readonly provider: string;
  /** `http://host:port`, or `smtp://host:port` for the SMTP sink. */
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

/** Settings of the payment provider, accepted beside the fault fields on `PUT /_control/payment`. */
export interface PaymentSettingsUpdate {
  /** Delay of a processed charge's answer, in milliseconds, 0..600000; the charge is recorded first. Default 0. */
  readonly respondDelayMs?: number;
}

/** Body of `PUT /_control/<provider>`: fault fields, plus provider settings where the provider has them. */
export type ControlUpdate = FaultUpdate & PaymentSettingsUpdate;
