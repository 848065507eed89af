/** Where a reservation is in the order saga (catalog.proto's ReservationStatus). */
export type ReservationStatus = 'held' | 'confirmed' | 'released' | 'shortfall';

/** A product and how many of its units an order wants. */
export interface ReservationLine {
  readonly productId: string;
  readonly quantity: number;
}

/** The stock held for one order; `id` is the order's invoice id. */
export interface Reservation {
  readonly id: string;
  readonly status: ReservationStatus;
  /** One per product, in product-id order. */
  readonly lines: readonly ReservationLine[];
  /** When a held reservation expires; undefined once settled. */
  readonly heldUntil: Date | undefined;
  readonly reason: string;
}

/** A line that asked for more than is available. */
export interface StockShortfall {
  readonly productId: string;
  readonly sku: string;
  readonly requested: number;
  readonly available: number;
}

/** How a payment outcome settles a reservation. */
export type Settlement =
  { readonly kind: 'confirm' } | { readonly kind: 'release'; readonly reason: string };
