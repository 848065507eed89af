import type { Product } from '../domain/product';

/** Settings of {@link ProductCache}. */
export interface ProductCacheOptions {
  /** How long a looked-up product is answered from memory, in milliseconds; 0 turns the cache off. */
  readonly ttlMs: number;
  /** Products kept at most (the oldest is dropped first); defaults to 10000. */
  readonly maxEntries?: number;
  /** Clock in milliseconds, defaults to `performance.now`. */
  readonly now?: () => number;
}

interface Entry {
  readonly product: Product;
  /** When the read that produced it started. */
  readonly readAt: number;
}

/**
 * Single products as last read (issue #10: a GetProduct was one PostgreSQL round trip each; the store's product
 * lookups hit the same few products). Staleness bound: a change this process makes through the stock ledger is
 * seen by the next lookup (the ledger invalidates the products it touched once its transaction has committed);
 * a change made elsewhere (SQL by hand, another catalog instance on the same schema) shows after at most `ttlMs`.
 * Orders are never answered from it: reservations check the units in SQL. Unknown ids are not cached.
 */
export class ProductCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every invalidation: a read that began before one must not store what it read. */
  private generation = 0;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: ProductCacheOptions) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? (() => performance.now());
  }

  /** The product from memory when read less than `ttlMs` ago, else `load()`'s answer (kept if found). */
  async get(id: string, load: () => Promise<Product | undefined>): Promise<Product | undefined> {
    if (this.options.ttlMs <= 0) return load();
    const readAt = this.now();
    const hit = this.entries.get(id);
    if (hit !== undefined && readAt - hit.readAt < this.options.ttlMs) return hit.product;
    const generation = this.generation;
    const product = await load();
    if (product === undefined) {
      this.entries.delete(id);
    } else if (generation === this.generation) {
      this.entries.delete(id); // re-inserted last: the map's order is the eviction order
      this.entries.set(id, { product, readAt });
      if (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return product;
  }

  /** Forgets `ids` (call once the change is committed); reads still in flight will not store. */
  invalidate(ids: Iterable<string>): void {
    this.generation += 1;
    for (const id of ids) this.entries.delete(id);
  }
}
