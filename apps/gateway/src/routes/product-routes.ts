import type { FastifyInstance } from 'fastify';
import { errorAnswers } from '../errors/error-answers';
import { productAnswerSchema, productPageSchema } from '../openapi/product-schemas';
import { ref } from '../openapi/schema-parts';
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
    {
      schema: {
        tags: ['products'],
        operationId: 'listProducts',
        summary: 'A page of products, by category',
        querystring: listQuerySchema,
        response: {
          200: { description: 'A page of products', ...ref(productPageSchema) },
          ...errorAnswers('invalid', 'unavailable'),
        },
      },
    },
    (request) =>
      catalog.list({
        pageSize: pageSizeOf(request.query.pageSize),
        pageToken: request.query.pageToken,
        category: request.query.category,
      }),
  );
  app.get<{ Params: { id: string } }>(
    '/api/products/:id',
    {
      schema: {
        tags: ['products'],
        operationId: 'getProduct',
        summary: 'One product; the last good copy while catalog is down',
        params: { ...idParamsSchema, properties: { id: idSchema } },
        response: {
          200: {
            description: 'The product (cached: true for the last good copy)',
            ...ref(productAnswerSchema),
          },
          ...errorAnswers('invalid', 'notFound', 'unavailable'),
        },
      },
    },
    (request) => catalog.get(request.params.id),
  );
}
