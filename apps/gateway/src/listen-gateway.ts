import type { Logger } from '@gaara/telemetry';
import { buildGateway } from './build-gateway';
import type { WiredGateway } from './gateway-parts';

/** Where the gateway listens, and how long in-flight requests get on stop. */
export interface ListenOptions {
  readonly host: string;
  readonly port: number;
  /** Time in-flight requests get before their outgoing calls are cancelled, in milliseconds; defaults to 2000. */
  readonly graceMs?: number;
  readonly logger: Logger;
}

/**
 * Serves the gateway's routes over HTTP and warms the dashboard copy. Its stop drains: no new requests, those
 * in flight answer; after the grace period their outgoing calls are cancelled so they answer (503) at once.
 */
export async function listenGateway(
  gateway: WiredGateway,
  options: ListenOptions,
): Promise<{ stop(): Promise<void> }> {
  const app = buildGateway(gateway.parts);
  await app.listen({ host: options.host, port: options.port });
  options.logger.info({ host: options.host, port: options.port }, 'gateway listening');
  void gateway.parts.dashboard.refresh(); // warm the copy so the first visitor does not wait
  return {
    stop: async () => {
      let cancelled = false;
      const cancelOnce = (): void => {
        if (cancelled) return;
        cancelled = true;
        gateway.close();
      };
      const grace = setTimeout(cancelOnce, options.graceMs ?? 2000);
      grace.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(grace);
        cancelOnce();
      }
    },
  };
}
