import { startInBackground, type BackgroundStart } from './start-in-background';
import type { ServiceLogger } from './service-logger';
import { stopOnSignals } from './stop-on-signals';

/** Anything the kernel can stop. */
export interface Stoppable {
  stop(): Promise<void> | void;
}

/** What a composition root declares its parts with. Parts stop in the reverse order of their start. */
export interface ServiceParts {
  readonly logger: ServiceLogger;
  /** Awaits a part's start and registers its `stop`; returns the part. */
  start<T extends Stoppable>(name: string, part: Promise<T> | T): Promise<T>;
  /** Registers how to release something already opened (a pool, a client). */
  onStop(name: string, stop: () => unknown): void;
  /**
   * Starts a part in the background, retrying with backoff (1 s doubling to 30 s) while its dependency is
   * down, so the service serves meanwhile (Kafka, for example). Logs `<name> running` once started.
   */
  background(name: string, start: () => Promise<{ stop(): Promise<void> }>): BackgroundStart;
}

/** The process around a service: its logger and its telemetry's last flush. */
export interface ServiceProcess {
  readonly logger: ServiceLogger;
  /** Flushes and stops telemetry; always the last stop. Never rejects. */
  shutdown(): Promise<void>;
}

/** Options of {@link runService}. */
export interface RunServiceOptions {
  /** Names the service in the log lines, e.g. "payment". */
  readonly name: string;
  /** Hard bound of the whole stop, in milliseconds; defaults to 5000 (the launcher SIGKILLs after 5 s). */
  readonly stopBoundMs?: number;
  /** Exits the process; replaced in tests. Defaults to `process.exit`. */
  readonly exit?: (code: number) => void;
  /** Where the signals come from; replaced in tests. Defaults to `process`. */
  readonly signals?: Pick<NodeJS.Process, 'once'>;
}

/**
 * The service kernel: runs `compose` (start the parts in order), then stops them in reverse order on the first
 * SIGTERM/SIGINT within the stop bound and exits 0. A failed start stops what had started and exits 1.
 * Resolves once started (or failed); every `apps/<service>/src/main.ts` is one call of it.
 */
export async function runService(
  process_: ServiceProcess,
  options: RunServiceOptions,
  compose: (parts: ServiceParts) => Promise<void>,
): Promise<void> {
  const { logger } = process_;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const stops: Array<{ name: string; stop: () => unknown }> = [];
  const parts: ServiceParts = {
    logger,
    start: async (name, part) => {
      const started = await part;
      stops.push({ name, stop: () => started.stop() });
      return started;
    },
    onStop: (name, stop) => void stops.push({ name, stop }),
    background: (name, start) => {
      const background = startInBackground(start, { what: name, logger });
      stops.push({ name, stop: () => background.stop() });
      return background;
    },
  };
  // Reverse order; telemetry last so the stop itself is still logged and traced.
  const steps = (): Array<() => unknown> => [
    ...stops
      .slice()
      .reverse()
      .map(({ stop }) => stop),
    () => process_.shutdown(),
  ];
  try {
    await compose(parts);
  } catch (error: unknown) {
    logger.fatal({ err: error }, `${options.name} failed to start`);
    setTimeout(() => exit(1), options.stopBoundMs ?? 5000).unref();
    for (const step of steps()) {
      await Promise.resolve()
        .then(step)
        .catch(() => undefined);
    }
    exit(1);
    return;
  }
  logger.info({}, `${options.name} started`);
  stopOnSignals(steps(), {
    service: options.name,
    logger,
    hardLimitMs: options.stopBoundMs,
    exit,
    signals: options.signals,
  });
}
