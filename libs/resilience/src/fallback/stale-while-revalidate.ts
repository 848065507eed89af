import type { Clock } from '../breaker/rolling-window';
import { silentLogger, type ResilienceLogger } from '../logger';
import { ResilienceMetrics } from '../metrics/resilience-metrics';
import { BoundedMap } from './bounded-map';
import type { FallbackOptions } from './fallback-options';
import { unavailable, type SectionResult } from './section';

/** A value and how fresh it is. */
export interface SwrResult<V> {
  readonly value: V;
  /** `fresh` within the fresh window (or just loaded), `stale` within the stale window. */
  readonly status: 'fresh' | 'stale';
  /** Epoch milliseconds the value was loaded. */
  readonly updatedAt: number;
}

/** Options of a {@link StaleWhileRevalidate}. */
export interface StaleWhileRevalidateOptions extends Omit<FallbackOptions, 'classify'> {
  /** Age up to which a value is served as fresh without loading, in milliseconds. */
  readonly freshMs: number;
  /** Further age during which the value is served at once while one refresh runs, in milliseconds. */
  readonly staleMs: number;
}

/**
 * Stale-while-revalidate per key:
 * - age ≤ `freshMs`: answer from memory;
 * - age ≤ `freshMs + staleMs`: answer at once with the stale value and start a refresh in the background;
 * - older or missing: wait for a load; if it fails, the error propagates (or `section` reports `unavailable`).
 * Refreshes are single-flight: concurrent callers of one key share one load, so a burst of requests on a stale
 * key sends exactly one request to the dependency.
 */
export class StaleWhileRevalidate<K, V> {
  private readonly entries: BoundedMap<K, { value: V; at: number }>;
  private readonly inflight = new Map<K, Promise<V>>();
  private readonly now: Clock;
  private readonly logger: ResilienceLogger;
  private readonly metrics: ResilienceMetrics;
  private readonly name: string;

  constructor(private readonly options: StaleWhileRevalidateOptions) {
    if (!(options.freshMs >= 0) || !(options.staleMs >= 0)) {
      throw new RangeError('freshMs and staleMs must be >= 0');
    }
    this.entries = new BoundedMap(options.maxEntries ?? 1000);
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.metrics = ResilienceMetrics.for(options.meter);
    this.name = options.name;
  }

  /** The value of `key`, fresh, stale-while-refreshing, or freshly loaded; throws only past the stale window. */
  async get(key: K, load: () => PromiseLike<V> | V): Promise<SwrResult<V>> {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      const age = this.now() - entry.at;
      if (age <= this.options.freshMs) {
        return { value: entry.value, status: 'fresh', updatedAt: entry.at };
      }
      if (age <= this.options.freshMs + this.options.staleMs) {
        this.refresh(key, load).catch((error: unknown) =>
          this.logger.warn(
            { cache: this.name, err: error },
            'background refresh failed; serving stale value',
          ),
        );
        this.metrics.fallbacks.add(1, { service: this.name, kind: 'stale' });
        return { value: entry.value, status: 'stale', updatedAt: entry.at };
      }
    }
    const value = await this.refresh(key, load);
    const stored = this.entries.get(key);
    return { value, status: 'fresh', updatedAt: stored?.at ?? this.now() };
  }

  /** {@link get} as a never-throwing section: `ok`, `stale` or `unavailable`. */
  async section(key: K, load: () => PromiseLike<V> | V): Promise<SectionResult<V>> {
    try {
      const result = await this.get(key, load);
      return {
        status: result.status === 'fresh' ? 'ok' : 'stale',
        data: result.value,
        updatedAt: result.updatedAt,
      };
    } catch {
      this.metrics.fallbacks.add(1, { service: this.name, kind: 'degraded' });
      return unavailable<V>();
    }
  }

  /** Loads `key` unless a load of it is already running, in which case that one is shared. */
  refresh(key: K, load: () => PromiseLike<V> | V): Promise<V> {
    const running = this.inflight.get(key);
    if (running !== undefined) {
      return running;
    }
    // Starting in a microtask keeps a synchronous throw of `load` inside the shared promise.
    const promise = Promise.resolve()
      .then(load)
      .then((value) => {
        this.entries.set(key, { value, at: this.now() });
        return value;
      });
    this.inflight.set(key, promise);
    const settled = (): void => {
      if (this.inflight.get(key) === promise) this.inflight.delete(key);
    };
    promise.then(settled, settled);
    return promise;
  }
}
