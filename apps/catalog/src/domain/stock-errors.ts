import { CodedError } from '@gaara/service';
import type { StockShortfall } from './reservation';

/** A reservation's lines ask for more than is available; nothing was reserved. */
export class InsufficientStockError extends CodedError<'INSUFFICIENT_STOCK'> {
  readonly code = 'INSUFFICIENT_STOCK';
  constructor(readonly shortfalls: readonly StockShortfall[]) {
    super(
      `not enough stock: ${shortfalls
        .map((s) => `${s.sku} has ${s.available} available, ${s.requested} requested`)
        .join('; ')}`,
    );
  }
}

/** No reservation has the id. */
export class ReservationNotFoundError extends CodedError<'RESERVATION_NOT_FOUND'> {
  readonly code = 'RESERVATION_NOT_FOUND';
  constructor(readonly reservationId: string) {
    super(`reservation ${reservationId} does not exist`);
  }
}
