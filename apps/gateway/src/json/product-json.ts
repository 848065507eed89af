import type { catalogV1 } from '@gaara/contracts';
import { minorUnits } from './money';
import { isoTime } from './timestamp';

/** A product as the HTTP API shows it. */
export interface ProductJson {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly priceMinor: number;
  readonly currency: string;
  /** Units that can be ordered: on hand less reserved. */
  readonly stock: number;
  /** Units in the warehouse, reserved ones included. */
  readonly onHand: number;
  /** Units held by orders whose payment has not settled. */
  readonly reserved: number;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
}

export function productJson(product: catalogV1.Product): ProductJson {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    category: product.category,
    priceMinor: minorUnits(product.priceMinor),
    currency: product.currency,
    stock: product.stock,
    onHand: product.onHand,
    reserved: product.reserved,
    createdAt: isoTime(product.createdAt),
    updatedAt: isoTime(product.updatedAt),
  };
}
