import type { FieldParser } from '../faults/field-parsers';

/** Settings of its own a provider accepts on `PUT /_control/<name>`, beside the shared fault fields. */
export interface ProviderSettings {
  /** Validator per setting name, e.g. `{ respondDelayMs: integerIn(0, 600_000) }`. */
  readonly parsers: Readonly<Record<string, FieldParser>>;
  /** Applies validated values; fields left out keep their value. */
  apply(values: Readonly<Record<string, unknown>>): void;
}

/**
 * What every fake provider offers the control plane, whatever its transport: its name, its state
 * and how to clear it. HTTP providers and the SMTP sink extend it with their transport side.
 */
export interface ProviderModule {
  /** Path segment of its control endpoint, e.g. `external` → `/_control/external`. */
  readonly name: string;
  /** Clears provider state a control reset should clear (stored charges, settings); faults are cleared by the sandbox. */
  reset(): void;
  /** Provider state worth showing on the control endpoint (e.g. current data version). */
  describe(): Record<string, unknown>;
  /** Provider-specific settings; absent = the provider accepts fault fields only. */
  readonly settings?: ProviderSettings;
  /** Read-only control views served at `GET /_control/<name>/<view>`, e.g. `{ charges: () => ({ charges }) }`. */
  readonly views?: Readonly<Record<string, () => unknown>>;
  /** Drops pending work (timers) at shutdown so closing stays bounded. */
  close?(): void;
}
