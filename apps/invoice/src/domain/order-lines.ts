import type { NewInvoiceRequest } from './invoice-request';

/** One product's units over an order's items (an order may list a product twice). */
export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
}

/** The order's items merged per product, in first-seen order. */
export function orderLinesOf(items: NewInvoiceRequest['items']): OrderLine[] {
  const quantities = new Map<string, number>();
  for (const item of items) {
    quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  }
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
}

/** True when two line lists hold the same units of the same products, in any order. */
export function sameLines(a: readonly OrderLine[], b: readonly OrderLine[]): boolean {
  const key = (lines: readonly OrderLine[]): string =>
    lines
      .map((l) => `${l.productId}:${l.quantity}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}
