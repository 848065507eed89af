// JSON Schemas of the error bodies httpErrorResponse answers, one per shape, named in the OpenAPI document.
import { offsetSchema } from '../openapi/dead-letter-schemas';
import { closedObject } from '../openapi/schema-parts';

const requestIdSchema = {
  type: 'string',
  description: 'the request id, for correlating logs and traces',
} as const;

const violationSchema = closedObject({
  in: { type: 'string', description: 'body, querystring, params or headers' },
  field: { type: 'string', description: 'path of the field, e.g. items[0].quantity' },
  reason: { type: 'string' },
});

/** A body `{ error, code, ...own, requestId }` with constant `error` and `code`. */
function errorBody<const P extends Record<string, object>>(
  $id: string,
  error: string,
  code: string,
  own: P,
  optional: readonly (keyof P & string)[] = [],
) {
  return {
    $id,
    ...closedObject(
      {
        error: { const: error },
        code: { const: code },
        ...own,
        requestId: requestIdSchema,
      },
      optional,
    ),
  } as const;
}

/** 400: schema validation or INVALID_ARGUMENT; `field` and `reason` repeat the first violation. */
export const invalidRequestSchema = errorBody(
  'InvalidRequest',
  'Invalid request',
  'INVALID_ARGUMENT',
  {
    field: { type: 'string' },
    reason: { type: 'string' },
    violations: { type: 'array', minItems: 1, items: violationSchema },
  },
);

/** Fastify's own refusals as they are: bad JSON (400), body too large (413), media type (415). */
export const requestRefusedSchema = {
  $id: 'RequestRefused',
  ...closedObject({
    error: { type: 'string', examples: ['Payload too large'] },
    code: {
      type: 'string',
      description: "Fastify's error code without FST_ERR_",
      examples: ['CTP_BODY_TOO_LARGE', 'CTP_INVALID_MEDIA_TYPE', 'CTP_EMPTY_JSON_BODY'],
    },
    requestId: requestIdSchema,
  }),
} as const;

/** 401 on the admin routes, shaped as the admin API documents it. */
export const unauthorizedSchema = {
  $id: 'Unauthorized',
  ...closedObject({
    error: closedObject({ code: { const: 'UNAUTHORIZED' }, message: { type: 'string' } }),
    requestId: requestIdSchema,
  }),
} as const;

export const notFoundSchema = errorBody('NotFound', 'Not found', 'NOT_FOUND', {});

export const unknownQueueSchema = errorBody('UnknownQueue', 'Not found', 'UNKNOWN_QUEUE', {
  queue: { type: 'string' },
});

/** 404 of the breaker routes: the gateway has no breaker of that name (other processes' are read-only). */
export const unknownBreakerSchema = errorBody('UnknownBreaker', 'Not found', 'UNKNOWN_BREAKER', {
  breaker: { type: 'string' },
});

/** 409 FAILED_PRECONDITION: e.g. not enough stock, a violation per short item naming what is available. */
export const failedPreconditionSchema = errorBody(
  'FailedPrecondition',
  'Conflict',
  'FAILED_PRECONDITION',
  {
    message: { type: 'string' },
    violations: { type: 'array', items: violationSchema },
  },
);

/** 409 of POST /api/invoices/:id/payments: the re-charge is refused as things stand, nothing was charged. */
export const rechargeRefusedSchema = errorBody(
  'RechargeRefused',
  'Conflict',
  'FAILED_PRECONDITION',
  {
    message: { type: 'string' },
    reason: {
      type: 'string',
      enum: ['paid', 'pending', 'stock_gone'],
      description:
        'paid: the invoice is paid; pending: a payment of it is in flight; stock_gone: its stock can no longer be held',
    },
    invoiceId: { type: 'string' },
  },
);

/** 403: a valid customer token of another customer. */
export const forbiddenSchema = errorBody('Forbidden', 'Forbidden', 'FORBIDDEN', {
  message: { type: 'string' },
});

/** 409 REPLAY_REFUSED: the one dead letter asked for was refused by its queue's check. */
export const replayRefusedSchema = errorBody('ReplayRefused', 'Conflict', 'REPLAY_REFUSED', {
  queue: { type: 'string' },
  partition: { type: 'integer', minimum: 0 },
  offset: offsetSchema,
  reason: { type: 'string', description: "e.g. the order's stock is gone" },
});

/** 503: a dependency is down, timed out or its breaker is open; retry after Retry-After seconds. */
export const serviceUnavailableSchema = errorBody(
  'ServiceUnavailable',
  'Service unavailable',
  'SERVICE_UNAVAILABLE',
  { dependency: { type: 'string', examples: ['catalog', 'invoice', 'kafka'] } },
);

/** 503 of an order whose invoice exists but whose payment could not be queued: repeating it is safe. */
export const paymentUnavailableSchema = errorBody(
  'PaymentUnavailable',
  'Service unavailable',
  'PAYMENT_UNAVAILABLE',
  {
    dependency: { const: 'payment' },
    message: { type: 'string' },
    invoiceId: { type: 'string' },
    idempotencyKey: {
      type: 'string',
      description: 'repeat the order with it: no second order, at most one charge',
    },
  },
);

/** 503 of an order that ran past its deadline: it may exist; repeating it with the key is safe. */
export const orderTimeoutSchema = errorBody(
  'OrderTimeout',
  'Service unavailable',
  'ORDER_TIMEOUT',
  {
    message: { type: 'string' },
    invoiceId: { type: 'string', description: 'set when the invoice was created in time' },
    idempotencyKey: {
      type: 'string',
      description: 'repeat the order with it: no second order, at most one charge',
    },
  },
  ['invoiceId'],
);

/** 500: a bug; the body says nothing about the cause, the log line under `requestId` does. */
export const internalErrorSchema = {
  $id: 'InternalError',
  ...closedObject({ error: { const: 'Internal error' }, requestId: requestIdSchema }),
} as const;

/** Every error body, for registering them as named schemas. */
export const errorSchemas = [
  invalidRequestSchema,
  requestRefusedSchema,
  unauthorizedSchema,
  notFoundSchema,
  unknownQueueSchema,
  unknownBreakerSchema,
  failedPreconditionSchema,
  rechargeRefusedSchema,
  forbiddenSchema,
  replayRefusedSchema,
  serviceUnavailableSchema,
  paymentUnavailableSchema,
  orderTimeoutSchema,
  internalErrorSchema,
] as const;
