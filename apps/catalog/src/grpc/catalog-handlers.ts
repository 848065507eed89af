import { withTransientRetry } from '@gaara/db';
import type { catalogV1 } from '@gaara/contracts';
import type { ServiceImplementation } from '@gaara/grpc';
import type { ProductRepository } from '../data/product-repository';
import { ProductNotFoundError } from '../domain/catalog-errors';
import { parseListQuery, parseProductId } from '../domain/list-request';
import { toProductMessage } from './product-message';
import { toGrpcError } from './to-grpc-error';

/** CatalogService over the repository; reads retry transient database errors (1 s, 2 s) within the call. */
export function catalogHandlers(
  products: ProductRepository,
): ServiceImplementation<typeof catalogV1.CatalogService> {
  return {
    async getProduct(request, { signal }) {
      try {
        const id = parseProductId(request.id);
        const product = await withTransientRetry(() => products.findById(id), { signal });
        if (product === undefined) throw new ProductNotFoundError(id);
        return { product: toProductMessage(product) };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async listProducts(request, { signal }) {
      try {
        const query = parseListQuery(request);
        const page = await withTransientRetry(() => products.list(query), { signal });
        return { products: page.products.map(toProductMessage), nextPageToken: page.nextPageToken };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },
  };
}
