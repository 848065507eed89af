import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { catalogV1 } from '@gaara/contracts';
import type { Product } from '../domain/product';

/** The wire form of a product. */
export function toProductMessage(
  product: Product,
): MessageInitShape<typeof catalogV1.ProductSchema> {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    category: product.category,
    priceMinor: product.priceMinor,
    currency: product.currency,
    stock: product.stock,
    onHand: product.onHand,
    reserved: product.reserved,
    createdAt: timestampFromDate(product.createdAt),
    updatedAt: timestampFromDate(product.updatedAt),
  };
}
