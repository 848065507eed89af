import type { catalogV1 } from '@gaara/contracts';
import type { GrpcClient } from '@gaara/grpc';
import {
  ResponseCache,
  StaleWhileRevalidate,
  withinBudget,
  type CachedResult,
  type Policy,
} from '@gaara/resilience';
import { asUnavailable, callDependency } from '../errors/call-dependency';
import { ServiceUnavailableError } from '../errors/gateway-errors';
import { retryAfterSeconds } from '../errors/retry-after';
import { productJson, type ProductJson } from '../json/product-json';

/** GET /api/products/:id's wait for catalog before the last good copy answers, in milliseconds. */
const DEFAULT_PRODUCT_ANSWER_WITHIN_MS = 500;

/** One product, possibly the last good copy. */
export interface ProductAnswer {
  readonly product: ProductJson;
  /** True when catalog could not answer and this is the last good copy (from `cachedAt`). */
  readonly cached: boolean;
  readonly cachedAt?: string;
}

/** A page of products. */
export interface ProductPage {
  readonly products: readonly ProductJson[];
  readonly nextPageToken: string;
}

export interface ProductQuery {
  readonly pageSize?: number;
  readonly pageToken?: string;
  readonly category?: string;
}

/** How the gateway keeps products. */
export interface ProductCacheOptions {
  readonly maxEntries: number;
  /** How long the last good copy may stand in while catalog fails, in milliseconds. */
  readonly ttlMs: number;
  /**
   * How long a loaded product is answered without asking catalog again, in milliseconds (0: always ask). The
   * bound on how stale a price or stock figure of GET /api/products/:id may be, besides catalog's own cache.
   */
  readonly freshMs: number;
  /**
   * How long GET /api/products/:id waits for catalog before it answers the last good copy (or 503 without one),
   * in milliseconds; defaults to 500. The lookup goes on and refreshes the copy.
   */
  readonly answerWithinMs?: number;
  /** Clock in epoch milliseconds; defaults to `Date.now` (tests pass their own). */
  readonly now?: () => number;
}

/**
 * Products from catalog through the 'catalog' breaker. A single product is answered from memory for `freshMs`
 * after it was loaded (concurrent lookups of one product share one call); it falls back to the last good copy
 * (also learned from listings) when catalog is down, slow or its breaker open; a NOT_FOUND answered in time is
 * never hidden. A lookup slower than `answerWithinMs` is answered from that copy too: a slow catalog never holds
 * the page.
 */
export class ProductCatalog {
  private readonly cache: ResponseCache<string, ProductJson>;
  /** Undefined when `freshMs` is 0: every lookup asks catalog. */
  private readonly fresh: StaleWhileRevalidate<string, CachedResult<ProductJson>> | undefined;
  private readonly answerWithinMs: number;

  constructor(
    private readonly client: Pick<
      GrpcClient<typeof catalogV1.CatalogService>,
      'getProduct' | 'listProducts'
    >,
    private readonly policy: Policy,
    options: ProductCacheOptions,
  ) {
    this.answerWithinMs = options.answerWithinMs ?? DEFAULT_PRODUCT_ANSWER_WITHIN_MS;
    this.cache = new ResponseCache({
      name: 'catalog',
      maxEntries: options.maxEntries,
      ttlMs: options.ttlMs,
      now: options.now,
    });
    this.fresh =
      options.freshMs > 0
        ? new StaleWhileRevalidate({
            name: 'catalog-fresh',
            maxEntries: options.maxEntries,
            freshMs: options.freshMs,
            staleMs: 0,
            now: options.now,
          })
        : undefined;
  }

  async list(query: ProductQuery): Promise<ProductPage> {
    const page = await callDependency('catalog', this.policy, ({ signal, timeoutMs }) =>
      this.client.listProducts(
        {
          pageSize: query.pageSize ?? 0,
          pageToken: query.pageToken ?? '',
          category: query.category,
        },
        { signal, deadlineMs: timeoutMs },
      ),
    );
    const products = page.products.map(productJson);
    for (const product of products) this.cache.set(product.id, product);
    return { products, nextPageToken: page.nextPageToken };
  }

  /** @throws ServiceUnavailableError when catalog cannot answer in time and there is no live copy */
  async get(id: string): Promise<ProductAnswer> {
    const answer = await withinBudget(this.lookUp(id), this.answerWithinMs);
    if (answer !== 'late') return answer;
    const copy = this.cache.fallback(id);
    if (copy === undefined) {
      throw new ServiceUnavailableError('catalog', retryAfterSeconds(this.policy));
    }
    return asProductAnswer(copy);
  }

  private async lookUp(id: string): Promise<ProductAnswer> {
    try {
      // A fallback copy is kept for freshMs too: catalog is not asked again in that time while it fails.
      const lookup = () => this.cache.get(id, () => this.load(id));
      const result = this.fresh ? (await this.fresh.get(id, lookup)).value : await lookup();
      return asProductAnswer(result);
    } catch (error: unknown) {
      return asUnavailable('catalog', this.policy, error);
    }
  }

  private load(id: string): Promise<ProductJson> {
    return this.policy.execute(async ({ signal, timeoutMs }) => {
      const { product } = await this.client.getProduct({ id }, { signal, deadlineMs: timeoutMs });
      if (product === undefined) throw new TypeError('catalog answered without a product');
      return productJson(product);
    });
  }
}

function asProductAnswer(result: CachedResult<ProductJson>): ProductAnswer {
  return result.fromCache
    ? { product: result.value, cached: true, cachedAt: new Date(result.cachedAt).toISOString() }
    : { product: result.value, cached: false };
}
