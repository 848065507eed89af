import { withTransientRetry } from '@gaara/db';
import type { catalogV1 } from '@gaara/contracts';
import type { ServiceImplementation } from '@gaara/grpc';
import type { ProductRepository } from '../data/product-repository';
import type { StockLedger } from '../data/stock-ledger';
import { ProductNotFoundError } from '../domain/catalog-errors';
import { parseListQuery, parseProductId } from '../domain/list-request';
import { parseReserveRequest } from '../domain/reservation-request';
import { toProductMessage } from './product-message';
import { toReservationMessage } from './reservation-message';
import { toGrpcError } from './to-grpc-error';

/**
 * CatalogService over the repository and the stock ledger; every call retries transient database errors
 * (1 s, 2 s) within the call (a reservation is one transaction, idempotent by id, so it may be repeated).
 */
export function catalogHandlers(
  products: ProductRepository,
  stock: StockLedger,
): ServiceImplementation<typeof catalogV1.CatalogService> {
  return {
    async getProduct(request, { signal }) {
      try {
        const id = parseProductId(request.id);
        const product = await withTransientRetry(() => products.findById(id), { signal });
        if (product === undefined) throw new ProductNotFoundError(id);
        return { product: toProductMessage(product) };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async listProducts(request, { signal }) {
      try {
        const query = parseListQuery(request);
        const page = await withTransientRetry(() => products.list(query), { signal });
        return { products: page.products.map(toProductMessage), nextPageToken: page.nextPageToken };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async reserveStock(request, { signal }) {
      try {
        const { reservationId, lines } = parseReserveRequest(request);
        const reserved = await withTransientRetry(() => stock.reserve(reservationId, lines), {
          signal,
        });
        return {
          reservation: toReservationMessage(reserved.reservation),
          products: reserved.products.map(toProductMessage),
        };
      } catch (error: unknown) {
        throw toGrpcError(error, request.lines);
      }
    },

    async getReservation(request, { signal }) {
      try {
        const id = parseProductId(request.reservationId, 'reservation_id');
        const reservation = await withTransientRetry(() => stock.find(id), { signal });
        return { reservation: toReservationMessage(reservation) };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async renewReservation(request, { signal }) {
      try {
        const id = parseProductId(request.reservationId, 'reservation_id');
        const paymentId = request.paymentId || undefined;
        const reservation = await withTransientRetry(() => stock.renew(id, paymentId), { signal });
        return { reservation: toReservationMessage(reservation) };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async releaseReservation(request, { signal }) {
      try {
        const id = parseProductId(request.reservationId, 'reservation_id');
        const reason = request.reason.slice(0, 500) || 'released by the caller';
        await withTransientRetry(() => stock.settle(id, { kind: 'release', reason }), { signal });
        return { reservation: toReservationMessage(await stock.find(id)) };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async getStockSummary(_request, { signal }) {
      try {
        const totals = await withTransientRetry(() => stock.summary(), { signal });
        return {
          onHand: totals.onHand,
          reserved: totals.reserved,
          available: totals.onHand - totals.reserved,
          heldReservations: totals.heldReservations,
          shortfalls: totals.shortfalls,
        };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },
  };
}
