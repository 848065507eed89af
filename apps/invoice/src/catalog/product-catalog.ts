import type { OrderLine } from '../domain/order-lines';
import type { PricedProduct } from '../domain/price-invoice';

/** What the catalog answered to a reservation: the products priced as reserved, and the lines it holds. */
export interface ReservedOrder {
  /** Every product of the lines; `undefined` for one that does not exist (then nothing was reserved). */
  readonly products: ReadonlyMap<string, PricedProduct | undefined>;
  /** The lines the reservation holds: the request's, or the first request's for a repeated id. */
  readonly lines: readonly OrderLine[];
}

/** How the invoice service talks to the catalog; faked in unit tests, gRPC to catalog in the service. */
export interface ProductCatalog {
  /**
   * The products with these ids; a missing or malformed id maps to `undefined`.
   * Rejects with CatalogUnavailableError when the catalog cannot answer.
   */
  findProducts(
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<Map<string, PricedProduct | undefined>>;

  /**
   * Holds the lines' units under `reservationId` (the invoice id), all or none, once per id. Rejects with
   * InsufficientStockError (violations on the lines' indexes) or CatalogUnavailableError.
   */
  reserve(
    reservationId: string,
    lines: readonly OrderLine[],
    signal?: AbortSignal,
  ): Promise<ReservedOrder>;

  /** Gives a held reservation back (the invoice could not be created); `reason` is stored with it. */
  release(reservationId: string, reason: string, signal?: AbortSignal): Promise<void>;
}
