import type { FastifyInstance } from 'fastify';

/**
 * One fake third party served over HTTP on its own listener. The sandbox wraps it in the shared
 * fault machinery; the module only knows its own API and state.
 */
export interface HttpProviderModule {
  /** Path segment of its control endpoint, e.g. `external` → `/_control/external`. */
  readonly name: string;
  /** Registers the provider's routes on its own Fastify instance. */
  register(app: FastifyInstance): void;
  /** Clears provider state a control reset should clear (e.g. stored charges); faults are cleared by the sandbox. */
  reset(): void;
  /** Provider state worth showing on the control endpoint (e.g. current data version). */
  describe(): Record<string, unknown>;
}
