/** When the supervisor restarts a crashed service, as a Kubernetes restart policy would. */
export interface RestartPolicy {
  /** Delay before the first restart, in milliseconds; doubles per restart. Defaults to 1000. */
  readonly initialDelayMs: number;
  /** Longest delay between restarts, in milliseconds. Defaults to 30000. */
  readonly maxDelayMs: number;
  /** A service healthy this long counts as recovered: the next crash starts again at the initial delay. In milliseconds; defaults to 60000. */
  readonly resetAfterMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = Object.freeze({
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  resetAfterMs: 60_000,
});

/** A service's restart history, as the supervisor keeps it. */
export interface RestartHistory {
  /** Restarts since the service last counted as recovered. */
  readonly restarts: number;
  /** When the service last became ready, in epoch milliseconds; undefined when it never did since the last crash. */
  readonly readyAt: number | undefined;
}

/**
 * The delay before restarting a service that crashed at `now` (epoch ms), and the restart count to record:
 * 1 s, 2 s, 4 s … at most 30 s, back to 1 s once it had been ready for `resetAfterMs`.
 */
export function nextRestart(
  history: RestartHistory,
  now: number,
  policy: RestartPolicy = DEFAULT_RESTART_POLICY,
): { delayMs: number; restarts: number } {
  const recovered = history.readyAt !== undefined && now - history.readyAt >= policy.resetAfterMs;
  const earlier = recovered ? 0 : history.restarts;
  const delayMs = Math.min(policy.initialDelayMs * 2 ** Math.min(earlier, 30), policy.maxDelayMs);
  return { delayMs, restarts: earlier + 1 };
}
