import type { FastifyInstance } from 'fastify';
import type { InvoiceDesk, OrderRequest } from '../invoices/invoice-desk';
import { idSchema } from './schemas';

const orderBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['customerId', 'customerEmail', 'items'],
  properties: {
    customerId: idSchema,
    customerEmail: { type: 'string', format: 'email', maxLength: 254 },
    idempotencyKey: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' },
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['productId', 'quantity'],
        properties: {
          productId: idSchema,
          quantity: { type: 'integer', minimum: 1, maximum: 1000 },
        },
      },
    },
  },
} as const;

/** POST /api/orders: creates the order's invoice (charging arrives with the payment service) → 201. */
export function registerOrderRoutes(app: FastifyInstance, invoices: InvoiceDesk): void {
  app.post<{ Body: OrderRequest }>(
    '/api/orders',
    { schema: { body: orderBodySchema } },
    async (request, reply) => {
      const created = await invoices.placeOrder(request.body);
      return reply.code(created.replayed ? 200 : 201).send({ invoice: created.invoice });
    },
  );
}
