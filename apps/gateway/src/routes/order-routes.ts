import type { FastifyInstance } from 'fastify';
import { bodyErrors, errorAnswers } from '../errors/error-answers';
import { orderAnswerSchema } from '../openapi/order-schemas';
import { ref } from '../openapi/schema-parts';
import type { CustomerTokens } from '../invoices/customer-tokens';
import type { OrderDesk, PlaceOrderRequest } from '../orders/order-desk';
import { idSchema } from './schemas';

const orderBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['customerId', 'customerEmail', 'items', 'paymentMethod'],
  properties: {
    customerId: idSchema,
    customerEmail: { type: 'string', format: 'email', maxLength: 254 },
    idempotencyKey: { type: 'string', minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' },
    // The provider's token, never a card number; the pattern keeps card data out by construction.
    paymentMethod: { type: 'string', pattern: '^tok_[A-Za-z0-9_]{1,64}$' },
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

/**
 * POST /api/orders: creates the invoice, then charges it → 202 `{ invoice, payment: { id, status, replayed },
 * customerToken }` (the customer's bearer token for their invoices, see CustomerTokens; 200 when the idempotency key replayed the invoice). 202 because the payment may still be pending (queued
 * for a retry). A declined card is still 202 with payment status `failed`: the order exists and a 402 would hide
 * the created invoice from the client. Payment unreachable even to queue → 503 saying the order exists and that
 * repeating with the same idempotencyKey is safe (see PaymentUnavailableError); past the order's deadline → 503
 * ORDER_TIMEOUT with the key to repeat it with (see OrderDesk).
 */
export function registerOrderRoutes(
  app: FastifyInstance,
  orders: OrderDesk,
  customerTokens: CustomerTokens,
): void {
  app.post<{ Body: PlaceOrderRequest }>(
    '/api/orders',
    {
      // A full desk refuses before the body is read: refusals stay cheap in a burst.
      onRequest: async () => orders.refuseIfFull(),
      schema: {
        tags: ['orders'],
        operationId: 'placeOrder',
        summary: 'Place an order: reserve stock, create the invoice, charge it',
        body: orderBodySchema,
        response: {
          202: {
            description: 'Order placed; the payment may still be pending',
            ...ref(orderAnswerSchema),
          },
          200: {
            description: 'The idempotency key replayed an earlier order',
            ...ref(orderAnswerSchema),
          },
          ...errorAnswers(...bodyErrors, 'failedPrecondition', 'placeOrderUnavailable'),
        },
      },
    },
    async (request, reply) => {
      // The deadline counts from arrival: a burst's parsing and event-loop lag are part of the wait a client sees.
      const placed = await orders.place(request.body, reply.elapsedTime);
      return reply.code(placed.invoiceReplayed ? 200 : 202).send({
        invoice: placed.invoice,
        payment: placed.payment,
        customerToken: customerTokens.issue(placed.invoice.customerId),
      });
    },
  );
}
