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
  readonly stock: number;
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
    createdAt: isoTime(product.createdAt),
    updatedAt: isoTime(product.updatedAt),
  };
}
