import type { MessagingLogger } from './messaging-logger';

/** Registers how to stop a part that has just started. */
export type OnStop = (stop: () => Promise<void>) => void;

/**
 * Starts several parts in order, all or none: `start` registers each part's stop as it starts it. On success
 * the returned `stop` stops them in reverse order (a failing stop is logged, the rest still run); when
 * `start` throws, what had started is stopped the same way and the error is rethrown, so the caller may retry.
 */
export async function startParts<T extends object>(
  start: (onStop: OnStop) => Promise<T>,
  logger?: MessagingLogger,
): Promise<T & { stop(): Promise<void> }> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => logger?.warn({ err: error }, 'messaging stop failed'));
    }
  };
  try {
    const started = await start((stop) => stops.push(stop));
    return Object.assign(started, { stop: stopAll });
  } catch (error: unknown) {
    await stopAll();
    throw error;
  }
}
