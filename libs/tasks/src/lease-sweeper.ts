/** A running sweeper: `sweep` runs one now, `stop` ends the timer and waits for a sweep in flight. */
export interface Sweeper<T> {
  sweep(): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Runs `sweep` every `intervalMs` (milliseconds, measured from the end of the previous sweep, so sweeps never
 * overlap), e.g. to re-queue tasks whose lease expired. A failed sweep is logged and the next one tries again.
 */
export function startSweeper<T>(options: {
  readonly intervalMs: number;
  readonly sweep: () => Promise<T>;
  readonly logger?: { error(fields: object, message: string): void };
  /** Names the sweeper in the error log line; defaults to `lease sweep`. */
  readonly what?: string;
}): Sweeper<T> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tick = (): void => {
    running = options
      .sweep()
      .catch((error: unknown) =>
        options.logger?.error({ err: error }, `${options.what ?? 'lease sweep'} failed`),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs).unref();
      });
  };
  timer = setTimeout(tick, options.intervalMs).unref();
  return {
    sweep: () => {
      const once = options.sweep();
      running = once.catch(() => undefined);
      return once;
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
