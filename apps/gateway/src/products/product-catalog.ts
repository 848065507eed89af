import type { catalogV1 } from '@gaara/contracts';
import type { GrpcClient } from '@gaara/grpc';
import { ResponseCache, type Policy } from '@gaara/resilience';
import { asUnavailable, callDependency } from '../errors/call-dependency';
import { productJson, type ProductJson } from '../json/product-json';

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

/**
 * Products from catalog through the 'catalog' breaker. Single products fall back to the last good copy
 * (also learned from listings) when catalog is down, slow or its breaker open; a NOT_FOUND is never hidden.
 */
export class ProductCatalog {
  private readonly cache: ResponseCache<string, ProductJson>;

  constructor(
    private readonly client: Pick<
      GrpcClient<typeof catalogV1.CatalogService>,
      'getProduct' | 'listProducts'
    >,
    private readonly policy: Policy,
    cacheOptions: { readonly maxEntries: number; readonly ttlMs: number },
  ) {
    this.cache = new ResponseCache({ name: 'catalog', ...cacheOptions });
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

  async get(id: string): Promise<ProductAnswer> {
    try {
      const result = await this.cache.get(id, () =>
        this.policy.execute(async ({ signal, timeoutMs }) => {
          const { product } = await this.client.getProduct(
            { id },
            { signal, deadlineMs: timeoutMs },
          );
          if (product === undefined) throw new TypeError('catalog answered without a product');
          return productJson(product);
        }),
      );
      return result.fromCache
        ? { product: result.value, cached: true, cachedAt: new Date(result.cachedAt).toISOString() }
        : { product: result.value, cached: false };
    } catch (error: unknown) {
      return asUnavailable('catalog', this.policy, error);
    }
  }
}
