import type { FieldViolation } from '@gaara/grpc';
import { InvalidRequestError } from './catalog-errors';
import { parseProductId } from './list-request';
import type { ReservationLine } from './reservation';

/** Most lines one order may reserve. */
export const MAX_RESERVATION_LINES = 100;
/** Most units of one product one order may reserve: what the stock column can count. */
export const MAX_LINE_QUANTITY = 2_147_483_647;

/** A validated ReserveStock request: lines in product-id order, the order every lock is taken in. */
export interface ReserveRequest {
  readonly reservationId: string;
  readonly lines: readonly ReservationLine[];
}

/** Validates a ReserveStock request; throws InvalidRequestError naming each bad field. */
export function parseReserveRequest(input: {
  reservationId: string;
  lines: readonly { productId: string; quantity: number }[];
}): ReserveRequest {
  const violations: FieldViolation[] = [];
  const collect = <T>(parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error: unknown) {
      if (!(error instanceof InvalidRequestError)) throw error;
      violations.push(...error.violations);
      return undefined;
    }
  };
  const reservationId = collect(() => parseProductId(input.reservationId, 'reservation_id'));
  if (input.lines.length === 0) violations.push({ field: 'lines', description: 'is required' });
  if (input.lines.length > MAX_RESERVATION_LINES) {
    violations.push({
      field: 'lines',
      description: `has more than ${MAX_RESERVATION_LINES} lines`,
    });
  }
  const seen = new Set<string>();
  const lines: ReservationLine[] = [];
  input.lines.forEach((line, index) => {
    const productId = collect(() => parseProductId(line.productId, `lines[${index}].product_id`));
    if (line.quantity < 1 || line.quantity > MAX_LINE_QUANTITY) {
      violations.push({
        field: `lines[${index}].quantity`,
        description: `must be between 1 and ${MAX_LINE_QUANTITY}`,
      });
    }
    if (productId === undefined) return;
    if (seen.has(productId)) {
      violations.push({ field: `lines[${index}].product_id`, description: 'appears twice' });
    }
    seen.add(productId);
    lines.push({ productId, quantity: line.quantity });
  });
  if (violations.length > 0 || reservationId === undefined)
    throw new InvalidRequestError(violations);
  lines.sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  return { reservationId, lines };
}
