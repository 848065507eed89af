import type { FastifyInstance } from 'fastify';
import type { ProductCatalog } from '../products/product-catalog';
import { pagedListQuerySchema } from './paged-list-query';
import { idParamsSchema, idSchema, pageSizeOf } from './schemas';

const listQuerySchema = pagedListQuerySchema({
  category: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' },
});

interface ListQuery {
  readonly pageSize?: string;
  readonly pageToken?: string;
  readonly category?: string;
}

/** GET /api/products (paged, by category) and GET /api/products/:id (last good copy when catalog is down). */
export function registerProductRoutes(app: FastifyInstance, catalog: ProductCatalog): void {
  app.get<{ Querystring: ListQuery }>(
    '/api/products',
    { schema: { querystring: listQuerySchema } },
    (request) =>
      catalog.list({
        pageSize: pageSizeOf(request.query.pageSize),
        pageToken: request.query.pageToken,
        category: request.query.category,
      }),
  );
  app.get<{ Params: { id: string } }>(
    '/api/products/:id',
    { schema: { params: { ...idParamsSchema, properties: { id: idSchema } } } },
    (request) => catalog.get(request.params.id),
  );
}
