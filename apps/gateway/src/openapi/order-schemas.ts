import { invoiceSchema } from './invoice-schemas';
import { closedObject, ref } from './schema-parts';

/** POST /api/orders' answer: the invoice, and its payment without amounts or provider details. */
export const orderAnswerSchema = {
  $id: 'OrderAnswer',
  ...closedObject({
    invoice: ref(invoiceSchema),
    payment: closedObject({
      id: { type: 'string' },
      status: {
        type: 'string',
        enum: ['succeeded', 'pending', 'failed', 'dead_lettered', 'unknown'],
        description:
          'pending: will still change by itself (in flight or queued for a retry); dead_lettered: every retry failed, an operator must replay it',
      },
      replayed: {
        type: 'boolean',
        description: 'true when the idempotency key replayed an earlier charge',
      },
    }),
    customerToken: {
      type: 'string',
      description:
        "the order's customer's bearer token: `Authorization: Bearer <customerToken>` lists their invoices (GET /api/invoices) and shows their e-mail",
    },
  }),
} as const;
