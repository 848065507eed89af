import { ResilienceMetrics } from '../metrics/resilience-metrics';
import type { Clock } from '../breaker/rolling-window';
import { BoundedMap } from './bounded-map';
import { fallbackEligible } from './fallback-eligible';
import type { FallbackOptions } from './fallback-options';
import type { SectionResult } from './section';
import { unavailable } from './section';

/** A value and where it came from. */
export interface CachedResult<V> {
  readonly value: V;
  /** True when the dependency failed and this is the last good copy (the spec's `cached: true`). */
  readonly fromCache: boolean;
  /** Epoch milliseconds the value was obtained from the dependency. */
  readonly cachedAt: number;
}

/** Options of a {@link ResponseCache}. */
export interface ResponseCacheOptions extends FallbackOptions {
  /** How long a good value may still be served after failures, in milliseconds. Defaults to 3600000 (1 h). */
  readonly ttlMs?: number;
}

/**
 * Cached-response fallback: remembers the last good value per key and, when a later load fails in a way a
 * fallback may hide (dependency failure, open breaker, full bulkhead; not a NOT_FOUND), answers with that copy
 * marked `fromCache: true` as long as it is younger than `ttlMs`. Otherwise the error propagates.
 */
export class ResponseCache<K, V> {
  private readonly entries: BoundedMap<K, { value: V; at: number }>;
  private readonly ttlMs: number;
  private readonly now: Clock;
  private readonly eligible: (error: unknown) => boolean;
  private readonly metrics: ResilienceMetrics;
  private readonly labels: { service: string; kind: 'cache' };

  constructor(options: ResponseCacheOptions) {
    this.entries = new BoundedMap(options.maxEntries ?? 1000);
    this.ttlMs = options.ttlMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
    this.eligible = fallbackEligible(options.classify);
    this.metrics = ResilienceMetrics.for(options.meter);
    this.labels = { service: options.name, kind: 'cache' };
  }

  /** Loads `key`; on an eligible failure answers from the cache, or rethrows when there is no live copy. */
  async get(key: K, load: () => PromiseLike<V> | V): Promise<CachedResult<V>> {
    let value: V;
    try {
      value = await load();
    } catch (error: unknown) {
      const copy = this.eligible(error) ? this.fallback(key) : undefined;
      if (copy === undefined) throw error;
      return copy;
    }
    const at = this.now();
    this.entries.set(key, { value, at });
    return { value, fromCache: false, cachedAt: at };
  }

  /** {@link get} as a never-throwing section: `ok`, `stale` (served from cache) or `unavailable`. */
  async section(key: K, load: () => PromiseLike<V> | V): Promise<SectionResult<V>> {
    try {
      const result = await this.get(key, load);
      return {
        status: result.fromCache ? 'stale' : 'ok',
        data: result.value,
        updatedAt: result.cachedAt,
      };
    } catch {
      this.metrics.fallbacks.add(1, { service: this.labels.service, kind: 'degraded' });
      return unavailable<V>();
    }
  }

  /**
   * Answers `key` from its last good copy, without loading, when that copy is younger than `ttlMs` (counted as a
   * fallback): for a caller that cannot wait for a slow load. Undefined when there is no live copy.
   */
  fallback(key: K): CachedResult<V> | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || this.now() - entry.at > this.ttlMs) return undefined;
    this.metrics.fallbacks.add(1, this.labels);
    return { value: entry.value, fromCache: true, cachedAt: entry.at };
  }

  /** Stores a value as if loaded now (e.g. warmed from another source). */
  set(key: K, value: V): void {
    this.entries.set(key, { value, at: this.now() });
  }
}
