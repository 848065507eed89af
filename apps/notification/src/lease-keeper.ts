/** A claim's lease kept alive while its holder works; see {@link keepLease}. */
export interface KeptLease {
  /** Epoch milliseconds by which the lease surely still holds (the last renewal's start + the lease). */
  expiresBy(): number;
  /** Stops renewing; the lease then runs out unless an outcome is written first. */
  stop(): void;
}

/** pino-compatible subset; ids only. */
interface LeaseLogger {
  warn(obj: object, msg: string): void;
}

/**
 * Renews a just-taken claim's lease every third of `leaseMs` (milliseconds) until stopped, so the sweeper only
 * re-queues claims whose holder is gone, never one whose e-mail is still being sent (it would be sent twice).
 * `renew` resolves false once the claim was lost: renewing stops. A failed renewal is logged and tried again at
 * the next tick; `expiresBy` then stays where the last good one put it.
 */
export function keepLease(
  renew: () => Promise<boolean>,
  leaseMs: number,
  options: {
    readonly now?: () => number;
    readonly logger?: LeaseLogger;
    readonly fields?: object;
  } = {},
): KeptLease {
  const now = options.now ?? Date.now;
  const intervalMs = Math.max(50, Math.floor(leaseMs / 3));
  let expiresBy = now() + leaseMs;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    const startedAt = now();
    try {
      if (!(await renew())) {
        stopped = true;
        return;
      }
      expiresBy = startedAt + leaseMs;
    } catch (error: unknown) {
      options.logger?.warn(
        { ...options.fields, err: error instanceof Error ? error.name : 'Error' },
        'lease renewal failed',
      );
    }
    schedule();
  };
  const schedule = (): void => {
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs).unref();
  };
  schedule();
  return {
    expiresBy: () => expiresBy,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
