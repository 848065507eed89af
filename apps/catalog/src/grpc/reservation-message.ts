import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { catalogV1 } from '@gaara/contracts';
import type { FieldViolation } from '@gaara/grpc';
import type { Reservation, ReservationStatus, StockShortfall } from '../domain/reservation';

const statusMessage: Readonly<Record<ReservationStatus, catalogV1.ReservationStatus>> = {
  held: catalogV1.ReservationStatus.HELD,
  confirmed: catalogV1.ReservationStatus.CONFIRMED,
  released: catalogV1.ReservationStatus.RELEASED,
  shortfall: catalogV1.ReservationStatus.SHORTFALL,
};

/** The wire form of a reservation. */
export function toReservationMessage(
  reservation: Reservation,
): MessageInitShape<typeof catalogV1.ReservationSchema> {
  return {
    id: reservation.id,
    status: statusMessage[reservation.status],
    lines: reservation.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
    heldUntil:
      reservation.heldUntil === undefined ? undefined : timestampFromDate(reservation.heldUntil),
    reason: reservation.reason,
  };
}

/** One violation per short line, on the request's `lines[i].quantity`, naming the product and what is available. */
export function shortfallViolations(
  shortfalls: readonly StockShortfall[],
  requestLines: readonly { productId: string }[],
): FieldViolation[] {
  return shortfalls.map((s) => {
    const index = requestLines.findIndex((l) => l.productId.toLowerCase() === s.productId);
    return {
      field: `lines[${index}].quantity`,
      description: `product ${s.productId} (${s.sku}) has ${s.available} available, ${s.requested} requested`,
    };
  });
}
