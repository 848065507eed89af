import type { Logger } from '@gaara/telemetry';

/** What the gateway does, in order, when it is asked to stop. */
export interface ShutdownSteps {
  /** Stops accepting requests and resolves once those in flight have answered. */
  drain(): Promise<void>;
  /** Cancels outgoing calls still running, so the requests waiting on them answer (503) at once. */
  cancelInFlight(): void;
  /** Closes connections that outlive requests (the Kafka publisher of the admin routes); never rejects. */
  disconnect(): Promise<void>;
  /** Flushes telemetry; bounded by itself. */
  flush(): Promise<void>;
}

/** Bounds of {@link stopOnSignals}, in milliseconds. */
export interface ShutdownBounds {
  /** Time in-flight requests get before their outgoing calls are cancelled; defaults to 2000. */
  readonly graceMs?: number;
  /** Time after which the process exits whatever is still running; defaults to 4000. */
  readonly hardMs?: number;
}

/**
 * On SIGTERM or SIGINT: drain, cancel what is still waiting after the grace period, disconnect from Kafka,
 * flush telemetry, exit 0.
 * The hard bound keeps a hung dependency from holding the process (the launcher SIGKILLs after 5 s).
 */
export function stopOnSignals(
  steps: ShutdownSteps,
  logger: Logger,
  bounds: ShutdownBounds = {},
): void {
  const { graceMs = 2000, hardMs = 4000 } = bounds;
  let cancelled = false;
  const cancelOnce = (): void => {
    if (cancelled) return;
    cancelled = true;
    steps.cancelInFlight();
  };
  const stop = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'gateway shutting down');
    setTimeout(() => {
      logger.warn({ hardMs }, 'gateway shutdown exceeded its bound; exiting');
      process.exit(0);
    }, hardMs).unref();
    const grace = setTimeout(cancelOnce, graceMs);
    grace.unref();
    void steps
      .drain()
      .catch((error: unknown) => logger.error({ err: error }, 'gateway drain failed'))
      .then(() => {
        clearTimeout(grace);
        cancelOnce();
        return steps.disconnect();
      })
      .then(() => steps.flush())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
