import { invoiceStatusNames } from '../json/invoice-json';
import { closedObject, isoTimeOrNull, minorUnitsSchema, pageSchema, ref } from './schema-parts';

/** Invoice statuses as answered: the queryable ones, and `unknown` for a status this gateway does not know. */
const answeredStatusSchema = { type: 'string', enum: [...invoiceStatusNames, 'unknown'] } as const;

/** An invoice as its customer sees it (json/invoice-json.ts builds it). */
export const invoiceSchema = {
  $id: 'Invoice',
  ...closedObject({
    id: { type: 'string' },
    customerId: { type: 'string' },
    customerEmail: { type: 'string' },
    items: {
      type: 'array',
      items: closedObject({
        productId: { type: 'string' },
        quantity: { type: 'integer', minimum: 1 },
        unitPriceMinor: minorUnitsSchema,
        lineTotalMinor: minorUnitsSchema,
      }),
    },
    subtotalMinor: minorUnitsSchema,
    totalMinor: minorUnitsSchema,
    currency: { type: 'string' },
    status: answeredStatusSchema,
    paymentId: { type: 'string', description: "'' until a payment is recorded" },
    failureReason: { type: 'string', description: "'' unless the invoice failed" },
    createdAt: isoTimeOrNull,
    updatedAt: isoTimeOrNull,
  }),
} as const;

/** The dashboard's view of an invoice: no e-mail (PII) and no lines. */
export const invoiceSummarySchema = {
  $id: 'InvoiceSummary',
  ...closedObject({
    id: { type: 'string' },
    customerId: { type: 'string' },
    status: answeredStatusSchema,
    totalMinor: minorUnitsSchema,
    currency: { type: 'string' },
    itemCount: { type: 'integer', minimum: 0 },
    createdAt: isoTimeOrNull,
  }),
} as const;

export const invoicePageSchema = pageSchema('InvoicePage', 'invoices', invoiceSchema);

export const invoiceAnswerSchema = {
  $id: 'InvoiceAnswer',
  ...closedObject({ invoice: ref(invoiceSchema) }),
} as const;

/** POST /api/invoices/:id/payments' answer: the invoice as reopened, and the new payment (as orders show it). */
export const rechargeAnswerSchema = closedObject({
  invoice: ref(invoiceSchema),
  payment: closedObject({
    id: { type: 'string', description: 'the new payment, derived from the Idempotency-Key' },
    status: {
      type: 'string',
      enum: ['succeeded', 'pending', 'failed', 'dead_lettered', 'unknown'],
      description: 'pending: will still change by itself (in flight or queued for a retry)',
    },
    replayed: {
      type: 'boolean',
      description:
        'true when the Idempotency-Key repeated an earlier attempt (nothing charged again)',
    },
  }),
});
