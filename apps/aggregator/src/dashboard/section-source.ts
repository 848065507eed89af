import { failureDetail } from '@gaara/health';
import {
  StaleWhileRevalidate,
  type Operation,
  type Policy,
  type SwrResult,
} from '@gaara/resilience';
import { settleWithin } from './settle-within';

/** One dashboard section as read: its data and how honest a copy it is. */
export interface SectionReading<T> {
  readonly status: 'ok' | 'stale' | 'unavailable';
  readonly data: T | null;
  /** Epoch milliseconds the data was fetched from its source; null when unavailable. */
  readonly updatedAt: number | null;
  /** Sanitized reason when not ok. */
  readonly detail: string;
}

/** Options of {@link SectionSource}. */
export interface SectionSourceOptions {
  /** The source service, as named in details ("catalog"). */
  readonly name: string;
  /** The service's breaker policy; every load runs through it. */
  readonly policy: Policy;
  /** A copy younger than this is served without asking the source. */
  readonly freshMs: number;
  /** After the fresh window a copy may still be served this long while the source fails. */
  readonly staleMs: number;
  /** Past the fresh window, how long a read waits for the refresh before answering with the old copy. */
  readonly revalidateWaitMs: number;
  readonly now?: () => number;
}

/**
 * One section's data behind a breaker, with stale-while-revalidate (single-flight refreshes).
 * Status follows the contract: `ok` when the copy is fresh or was just refreshed; `stale` when the source
 * failed, is slow or its breaker is open and the last good copy is shown; `unavailable` past the stale window.
 * Waiting briefly for the refresh keeps a healthy source from ever being reported stale, and a dead one from
 * being reported ok for one more request.
 */
export class SectionSource<T> {
  private readonly swr: StaleWhileRevalidate<string, T>;
  private readonly lastFailure = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly options: SectionSourceOptions) {
    this.now = options.now ?? Date.now;
    this.swr = new StaleWhileRevalidate<string, T>({
      name: options.name,
      freshMs: options.freshMs,
      staleMs: options.staleMs,
      now: this.now,
    });
  }

  async read(key: string, load: Operation<T>): Promise<SectionReading<T>> {
    const attempt = (): Promise<T> => this.attempt(key, load);
    let cached: SwrResult<T>;
    try {
      cached = await this.swr.get(key, attempt);
    } catch {
      return { status: 'unavailable', data: null, updatedAt: null, detail: this.failure(key) };
    }
    if (cached.status === 'fresh') return ok(cached.value, cached.updatedAt);
    // swr.get started the refresh; refresh() hands back that same single flight.
    const refreshed = await settleWithin(
      this.swr.refresh(key, attempt),
      this.options.revalidateWaitMs,
    );
    if (refreshed.kind === 'value') return ok(refreshed.value, this.now());
    const detail =
      refreshed.kind === 'timeout'
        ? `${this.options.name} slow to answer; refreshing`
        : this.failure(key);
    return { status: 'stale', data: cached.value, updatedAt: cached.updatedAt, detail };
  }

  private failure(key: string): string {
    return this.lastFailure.get(key) ?? `${this.options.name} unavailable`;
  }

  private async attempt(key: string, load: Operation<T>): Promise<T> {
    try {
      const value = await this.options.policy.execute(load);
      this.lastFailure.delete(key);
      return value;
    } catch (error: unknown) {
      this.lastFailure.set(key, failureDetail(this.options.name, error));
      throw error;
    }
  }
}

function ok<T>(data: T, updatedAt: number): SectionReading<T> {
  return { status: 'ok', data, updatedAt, detail: '' };
}
