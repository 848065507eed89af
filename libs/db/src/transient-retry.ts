import { classifyDatabaseError } from '@gaara/resilience';
import { DatabaseError } from './database-error';
import { abandonWhenUnreachable, databaseKnownUnreachable } from './database-reachability';

/** What {@link withTransientRetry} reports before each wait. */
export interface RetryNotice {
  /** The attempt about to run after the wait (2 or 3). */
  readonly nextAttempt: number;
  /** The wait, in milliseconds. */
  readonly delayMs: number;
  readonly error: unknown;
}

/** Options of {@link withTransientRetry}; defaults are the spec's. */
export interface TransientRetryOptions {
  /** Attempts in total, the first included; defaults to 3. */
  readonly maxAttempts?: number;
  /** Wait before the second attempt, in milliseconds, doubled for each further one; defaults to 1000. */
  readonly initialDelayMs?: number;
  /** Stops retrying (and waiting) once aborted; the last error is thrown. */
  readonly signal?: AbortSignal;
  /** Waits `ms` milliseconds; replaced in tests. Defaults to a timer that the signal cancels. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Called before each wait, e.g. to log a warning. */
  readonly onRetry?: (notice: RetryNotice) => void;
  /**
   * True while the database is known to be down: a transient error is then thrown at once instead of retried
   * (a retry cannot succeed before the database returns, and the caller answers UNAVAILABLE seconds earlier).
   * Defaults to the process's database watcher (see failFastWhileUnreachable); replaced in tests.
   */
  readonly knownUnreachable?: () => boolean;
}

export const TRANSIENT_RETRY_DEFAULTS = { maxAttempts: 3, initialDelayMs: 1000 } as const;

/**
 * Runs `operation`, retrying it when it fails with a transient database error (connection lost or refused,
 * serialization failure, deadlock, server restarting, pool timeout; see classifyDatabaseError): 3 attempts
 * with 1 s then 2 s between them. Any other error is thrown at once, and so is a transient one while the
 * database is known to be unreachable (the retries are for a blip, not an outage). An attempt in flight when it
 * becomes known unreachable is abandoned with the transient DB_UNREACHABLE (issue #12: under a network black hole
 * callers waited for the 65 s client timeout); while it is, the pool hands out no connection (createDatabase).
 * `operation` must be safe to repeat: one statement or a whole transaction, never part of one.
 */
export async function withTransientRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: TransientRetryOptions = {},
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? TRANSIENT_RETRY_DEFAULTS.maxAttempts;
  const initialDelayMs = options.initialDelayMs ?? TRANSIENT_RETRY_DEFAULTS.initialDelayMs;
  const sleep = options.sleep ?? abortableSleep;
  const knownUnreachable = options.knownUnreachable ?? databaseKnownUnreachable;
  // The process's watcher (the default) also abandons attempts in flight; a caller's own `knownUnreachable` does not.
  const watched = options.knownUnreachable === undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      return await (watched ? abandonWhenUnreachable(operation(attempt)) : operation(attempt));
    } catch (error: unknown) {
      const retryable =
        attempt < maxAttempts &&
        !isAborted(options.signal) &&
        isTransientDatabaseError(error) &&
        !knownUnreachable();
      if (!retryable) throw error;
      const delayMs = initialDelayMs * 2 ** (attempt - 1);
      options.onRetry?.({ nextAttempt: attempt + 1, delayMs, error });
      await sleep(delayMs, options.signal);
      // Re-read after the wait: the signal may have been aborted, or the watcher seen the outage, meanwhile.
      if (isAborted(options.signal) || knownUnreachable()) throw error;
    }
  }
}

/** True when a database error may not happen again on a new attempt (the retry decision above). */
export function isTransientDatabaseError(error: unknown): boolean {
  if (error instanceof DatabaseError) return error.code === 'DB_UNREACHABLE';
  return classifyDatabaseError(error) === 'transient';
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
