import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProviderModule } from './provider-module';

/**
 * One fake third party served over HTTP on its own listener. The sandbox wraps it in the shared
 * fault machinery; the module only knows its own API and state.
 */
export interface HttpProviderModule extends ProviderModule {
  /** Registers the provider's routes on its own Fastify instance. */
  register(app: FastifyInstance): void;
  /** Sees every request that reached the listener, before faults apply (e.g. to count calls per key). */
  onArrival?(request: FastifyRequest): void;
}
