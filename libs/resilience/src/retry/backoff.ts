/** Settings of the exponential backoff between attempts. */
export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds, before jitter. */
  readonly initialDelayMs: number;
  /** Growth per retry, defaults to 2. */
  readonly factor?: number;
  /** Upper bound of any delay, in milliseconds. */
  readonly maxDelayMs: number;
}

/**
 * Delay before retry number `retry` (1 = first retry): `min(maxDelayMs, initialDelayMs * factor^(retry-1))`,
 * then "equal jitter": a uniform draw in [d/2, d]. Half the delay is kept so backoff still backs off, the
 * other half spreads callers that failed together so they do not retry in lockstep.
 * @param random uniform source in [0, 1), defaults to `Math.random`
 * @returns the delay in milliseconds
 */
export function backoffDelay(
  options: BackoffOptions,
  retry: number,
  random: () => number = Math.random,
): number {
  const base = Math.min(
    options.maxDelayMs,
    options.initialDelayMs * (options.factor ?? 2) ** (retry - 1),
  );
  return base / 2 + random() * (base / 2);
}
