import type { PricedProduct } from '../domain/price-invoice';

/** How the invoice service looks products up; faked in unit tests, gRPC to catalog in the service. */
export interface ProductCatalog {
  /**
   * The products with these ids; a missing or malformed id maps to `undefined`.
   * Rejects with CatalogUnavailableError when the catalog cannot answer.
   */
  findProducts(
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, PricedProduct | undefined>>;
}
