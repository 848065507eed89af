import type { catalogV1 } from '@gaara/contracts';
import { InvalidArgumentError, NotFoundError, type GrpcClient } from '@gaara/grpc';
import type { Policy } from '@gaara/resilience';
import { CatalogUnavailableError } from '../domain/invoice-errors';
import type { PricedProduct } from '../domain/price-invoice';
import type { ProductCatalog } from './product-catalog';

/**
 * ProductCatalog over the catalog's gRPC API, every call through the `catalog` resilience policy (timeout,
 * retry of UNAVAILABLE/DEADLINE_EXCEEDED, breaker). Distinct ids are fetched in parallel.
 */
export class GrpcProductCatalog implements ProductCatalog {
  constructor(
    private readonly client: GrpcClient<typeof catalogV1.CatalogService>,
    private readonly policy: Policy,
  ) {}

  async findProducts(
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, PricedProduct | undefined>> {
    const distinct = [...new Set(ids)];
    const found = await Promise.all(distinct.map((id) => this.findProduct(id, signal)));
    return new Map(distinct.map((id, index) => [id, found[index]]));
  }

  private async findProduct(id: string, signal?: AbortSignal): Promise<PricedProduct | undefined> {
    try {
      const { product } = await this.policy.execute(
        (attempt) => this.client.getProduct({ id }, { signal: attempt.signal }),
        signal,
      );
      if (product === undefined) return undefined;
      return { id: product.id, priceMinor: product.priceMinor, currency: product.currency };
    } catch (error: unknown) {
      // Catalog says the id is unknown or malformed: the caller's mistake, reported per item.
      if (error instanceof NotFoundError || error instanceof InvalidArgumentError) return undefined;
      throw new CatalogUnavailableError('catalog is unavailable, try again later', {
        cause: error,
      });
    }
  }
}
