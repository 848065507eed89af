/** A component started in the background; `stop` ends the attempts and stops it if it got started (bounded). */
export interface BackgroundStart {
  /** Resolves true once started, false when stopped first; never rejects. */
  readonly started: Promise<boolean>;
  stop(): Promise<void>;
}

/** Options of {@link startInBackground}; delays in milliseconds. */
export interface BackgroundStartOptions {
  /** Names the component in the retry warning, e.g. "payment events consumer". */
  readonly what: string;
  /** Warned at each failed attempt; told `<what> running` once started. */
  readonly logger?: { warn(obj: object, msg: string): void; info?(obj: object, msg: string): void };
  /** First wait between attempts; defaults to 1000, doubling up to `maxMs`. */
  readonly initialMs?: number;
  /** Longest wait between attempts; defaults to 30000. */
  readonly maxMs?: number;
}

/**
 * Calls `start` until it succeeds, waiting 1 s doubling to 30 s between attempts, so a service keeps serving
 * while Kafka is down. `start` must clean up after itself when it fails.
 */
export function startInBackground(
  start: () => Promise<{ stop(): Promise<void> }>,
  options: BackgroundStartOptions,
): BackgroundStart {
  const { logger } = options;
  const delays = { initialMs: options.initialMs ?? 1000, maxMs: options.maxMs ?? 30_000 };
  let stopped = false;
  let wake: (() => void) | undefined;
  let component: { stop(): Promise<void> } | undefined;
  const started = (async () => {
    for (let delayMs = delays.initialMs; !stopped; delayMs = Math.min(delayMs * 2, delays.maxMs)) {
      try {
        const running = await start();
        if (stopped) {
          await running.stop();
          return false;
        }
        component = running;
        logger?.info?.({}, `${options.what} running`);
        return true;
      } catch (error: unknown) {
        logger?.warn({ err: error, retryInMs: delayMs }, `${options.what} not started, retrying`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, delayMs).unref();
        });
      }
    }
    return false;
  })();
  return {
    started,
    stop: async () => {
      stopped = true;
      wake?.();
      // An attempt in flight is not awaited (kafkajs may retry its connect for seconds); it stops itself.
      await component?.stop();
    },
  };
}
