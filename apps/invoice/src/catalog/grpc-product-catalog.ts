import type { catalogV1 } from '@gaara/contracts';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  type GrpcClient,
} from '@gaara/grpc';
import type { Policy } from '@gaara/resilience';
import { CatalogUnavailableError, InsufficientStockError } from '../domain/invoice-errors';
import type { OrderLine } from '../domain/order-lines';
import type { PricedProduct } from '../domain/price-invoice';
import type { ProductCatalog, ReservedOrder } from './product-catalog';

/**
 * ProductCatalog over the catalog's gRPC API, every call through the `catalog` resilience policy (timeout,
 * retry of UNAVAILABLE/DEADLINE_EXCEEDED, breaker; a reservation is idempotent by id, so a retry is safe).
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

  async reserve(
    reservationId: string,
    lines: readonly OrderLine[],
    signal?: AbortSignal,
  ): Promise<ReservedOrder> {
    try {
      const answer = await this.policy.execute(
        (attempt) =>
          this.client.reserveStock(
            { reservationId, lines: [...lines] },
            { signal: attempt.signal },
          ),
        signal,
      );
      const products = new Map<string, PricedProduct | undefined>(
        answer.products.map((p) => [p.id, priced(p)]),
      );
      const held = answer.reservation?.lines ?? [];
      return {
        products,
        lines: held.map((l) => ({ productId: l.productId, quantity: l.quantity })),
      };
    } catch (error: unknown) {
      if (error instanceof FailedPreconditionError)
        throw new InsufficientStockError(error.violations);
      // An unknown or malformed product id: nothing was reserved; the lookup says which item it is.
      if (error instanceof NotFoundError || error instanceof InvalidArgumentError) {
        const products = await this.findProducts(
          lines.map((l) => l.productId),
          signal,
        );
        return { products, lines: [] };
      }
      throw unavailable(error);
    }
  }

  async release(reservationId: string, reason: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.policy.execute(
        (attempt) =>
          this.client.releaseReservation({ reservationId, reason }, { signal: attempt.signal }),
        signal,
      );
    } catch (error: unknown) {
      if (error instanceof NotFoundError) return;
      throw unavailable(error);
    }
  }

  private async findProduct(id: string, signal?: AbortSignal): Promise<PricedProduct | undefined> {
    try {
      const { product } = await this.policy.execute(
        (attempt) => this.client.getProduct({ id }, { signal: attempt.signal }),
        signal,
      );
      return product === undefined ? undefined : priced(product);
    } catch (error: unknown) {
      // Catalog says the id is unknown or malformed: the caller's mistake, reported per item.
      if (error instanceof NotFoundError || error instanceof InvalidArgumentError) return undefined;
      throw unavailable(error);
    }
  }
}

function priced(product: catalogV1.Product): PricedProduct {
  return { id: product.id, priceMinor: product.priceMinor, currency: product.currency };
}

function unavailable(error: unknown): CatalogUnavailableError {
  return new CatalogUnavailableError('catalog is unavailable, try again later', { cause: error });
}
