import { invoiceSummarySchema } from './invoice-schemas';
import { productSchema } from './product-schemas';
import { closedObject, isoTimeOrNull, ref, type NamedSchema } from './schema-parts';

const countSchema = { type: 'integer', minimum: 0 } as const;

/** Retry-topic depths, dead letters and breakers of one queue (payments or notifications). */
const queueProperties = {
  retryTopics: {
    type: 'array',
    items: closedObject({ topic: { type: 'string' }, depth: countSchema }),
  },
  deadLetterDepth: countSchema,
  breakers: {
    type: 'array',
    items: closedObject({
      name: { type: 'string' },
      state: { type: 'string', enum: ['closed', 'open', 'half_open', 'unknown'] },
    }),
  },
} as const;

export const stockTotalsSchema = {
  $id: 'StockTotals',
  ...closedObject({
    onHand: countSchema,
    reserved: { ...countSchema, description: 'units held by unpaid orders' },
    available: countSchema,
    heldReservations: countSchema,
    shortfalls: {
      ...countSchema,
      description: 'orders paid after their units were gone: each needs a refund',
    },
  }),
} as const;

export const paymentStatsSchema = {
  $id: 'PaymentStats',
  ...closedObject({
    pendingRetries: countSchema,
    inFlight: countSchema,
    succeeded: countSchema,
    failed: countSchema,
    deadLettered: countSchema,
    lastHour: closedObject({
      succeeded: countSchema,
      failed: countSchema,
      deadLettered: countSchema,
    }),
    ...queueProperties,
  }),
} as const;

export const notificationStatsSchema = {
  $id: 'NotificationStats',
  ...closedObject({
    pendingRetries: countSchema,
    sent: countSchema,
    failed: countSchema,
    lastHour: closedObject({ sent: countSchema, failed: countSchema }),
    ...queueProperties,
  }),
} as const;

/** A section: its status and freshness, and its own fields. */
function section<const P extends Record<string, object>>(own: P) {
  return closedObject({
    status: {
      type: 'string',
      enum: ['ok', 'stale', 'unavailable'],
      description: 'stale: a copy from before the source stopped answering',
    },
    updatedAt: isoTimeOrNull,
    detail: { type: 'string', description: 'why the section is not ok; may be empty' },
    ...own,
  });
}

/** `schema`, or null while its section is unavailable. */
const orNull = (schema: NamedSchema) => ({ oneOf: [ref(schema), { type: 'null' }] }) as const;

/** GET /api/dashboard (json/dashboard-json.ts builds it): four independent sections, each with its freshness. */
export const dashboardSchema = {
  $id: 'Dashboard',
  ...closedObject({
    products: section({
      items: { type: 'array', items: ref(productSchema) },
      stock: orNull(stockTotalsSchema),
    }),
    invoices: section({ items: { type: 'array', items: ref(invoiceSummarySchema) } }),
    payments: section({ stats: orNull(paymentStatsSchema) }),
    notifications: section({ stats: orNull(notificationStatsSchema) }),
    generatedAt: {
      ...isoTimeOrNull,
      description: 'when the aggregator assembled it; null when nothing could be fetched',
    },
  }),
} as const;
