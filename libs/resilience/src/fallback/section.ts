import type { Clock } from '../breaker/rolling-window';

/** Status of one section of a degraded-aware view. */
export type SectionStatus = 'ok' | 'stale' | 'unavailable';

/** One section of a view (e.g. a dashboard panel): what to show and how fresh it is. */
export interface SectionResult<T> {
  readonly status: SectionStatus;
  /** The data, or the fallback (defaults to null) when unavailable. */
  readonly data: T | null;
  /** Epoch milliseconds the data was obtained from its source; null when unavailable. */
  readonly updatedAt: number | null;
}

/** Options of {@link degrade}. */
export interface DegradeOptions<T> {
  /** Data shown when the section is unavailable, defaults to null (e.g. `[]` for a list). */
  readonly fallback?: T;
  /** Told why the section degraded; must not throw (a throw is swallowed). */
  readonly onDegraded?: (error: unknown) => void;
  /** Clock in epoch milliseconds, defaults to `Date.now`. */
  readonly now?: Clock;
}

/**
 * Graceful degradation of one section: runs `load` (typically through a policy) and never throws; a failure
 * yields `{ status: 'unavailable', data: fallback ?? null, updatedAt: null }` so the rest of the view still renders.
 */
export async function degrade<T>(
  load: () => PromiseLike<T> | T,
  options: DegradeOptions<T> = {},
): Promise<SectionResult<T>> {
  try {
    const data = await load();
    return { status: 'ok', data, updatedAt: (options.now ?? Date.now)() };
  } catch (error: unknown) {
    try {
      options.onDegraded?.(error);
    } catch {
      // A reporting hook must not turn a degraded section into a failed view.
    }
    return unavailable(options.fallback);
  }
}

/** The section result of something that could not be loaded. */
export function unavailable<T>(fallback?: T): SectionResult<T> {
  return { status: 'unavailable', data: fallback ?? null, updatedAt: null };
}
