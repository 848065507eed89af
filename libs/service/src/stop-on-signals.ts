/** pino-compatible subset used while stopping. */
interface ShutdownLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Options of {@link stopOnSignals}. */
export interface StopOnSignalsOptions {
  /** Names the process in the log lines, e.g. "payment". */
  readonly service: string;
  readonly logger: ShutdownLogger;
  /** Time after which the process exits (code 1) whatever is still running, in milliseconds; defaults to 5000. */
  readonly hardLimitMs?: number;
  /** Exits the process; replaced in tests. Defaults to `process.exit`. */
  readonly exit?: (code: number) => void;
  /** Where the signals come from; replaced in tests. Defaults to `process`. */
  readonly signals?: Pick<NodeJS.Process, 'once'>;
}

/**
 * On the first SIGTERM or SIGINT runs `steps` in order (a step that throws is logged and the next one still
 * runs), then exits 0. The hard limit keeps a hung dependency from holding the process: the launcher and
 * orchestrators SIGKILL soon after, and work left unfinished is redelivered or re-queued by design.
 */
export function stopOnSignals(
  steps: readonly (() => unknown)[],
  options: StopOnSignalsOptions,
): void {
  const { service, logger } = options;
  const hardLimitMs = options.hardLimitMs ?? 5000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${service} shutting down`);
    setTimeout(() => {
      logger.warn({ hardLimitMs }, `${service} shutdown exceeded its bound; exiting`);
      exit(1);
    }, hardLimitMs).unref();
    for (const step of steps) {
      try {
        await step();
      } catch (error: unknown) {
        logger.error({ err: error }, `${service} shutdown step failed; going on`);
      }
    }
    exit(0);
  };
  signals.once('SIGTERM', (signal: NodeJS.Signals) => void stop(signal));
  signals.once('SIGINT', (signal: NodeJS.Signals) => void stop(signal));
}
