import type { FieldViolation } from '@gaara/grpc';
import { InvalidRequestError } from './invoice-errors';
import type { InvoiceLine } from './invoice';
import type { NewInvoiceRequest } from './invoice-request';

/** What the invoice needs to know about a product, as the catalog answered at creation time. */
export interface PricedProduct {
  readonly id: string;
  readonly priceMinor: bigint;
  readonly currency: string;
}

/** Lines and totals of a new invoice, in integer minor units. */
export interface PricedInvoice {
  readonly lines: readonly InvoiceLine[];
  readonly subtotalMinor: bigint;
  readonly totalMinor: bigint;
  readonly currency: string;
}

const INT64_MAX = 2n ** 63n - 1n;

/**
 * Prices the items with the catalog's answers (`undefined` = no such product). Unknown products and a
 * currency other than the first item's are rejected with one violation per item. All arithmetic is bigint.
 */
export function priceInvoice(
  items: NewInvoiceRequest['items'],
  products: ReadonlyMap<string, PricedProduct | undefined>,
): PricedInvoice {
  const violations: FieldViolation[] = [];
  const lines: InvoiceLine[] = [];
  let currency: string | undefined;
  items.forEach((item, index) => {
    const product = products.get(item.productId);
    if (product === undefined) {
      violations.push({
        field: `items[${index}].product_id`,
        description: `product ${item.productId} does not exist`,
      });
      return;
    }
    currency ??= product.currency;
    if (product.currency !== currency) {
      violations.push({
        field: `items[${index}].product_id`,
        description: `is priced in ${product.currency}, the invoice in ${currency}; one currency per invoice`,
      });
      return;
    }
    const unitPriceMinor = product.priceMinor;
    lines.push({
      productId: product.id,
      quantity: item.quantity,
      unitPriceMinor,
      lineTotalMinor: unitPriceMinor * BigInt(item.quantity),
    });
  });
  const subtotalMinor = lines.reduce((sum, line) => sum + line.lineTotalMinor, 0n);
  if (subtotalMinor > INT64_MAX) {
    violations.push({
      field: 'items',
      description: 'total exceeds the largest amount an invoice can hold',
    });
  }
  if (violations.length > 0 || currency === undefined) throw new InvalidRequestError(violations);
  // No taxes or fees yet, so the total is the subtotal.
  return { lines, subtotalMinor, totalMinor: subtotalMinor, currency };
}
