import type { MessageInitShape } from '@bufbuild/protobuf';
import type { catalogV1 } from '@gaara/contracts';
import { withWireTimestamps } from '@gaara/grpc';
import type { Product } from '../domain/product';

/** The wire form of a product: the stored product's fields, its times as Timestamps. */
export function toProductMessage(
  product: Product,
): MessageInitShape<typeof catalogV1.ProductSchema> {
  return withWireTimestamps(product);
}
