import { ref } from '../openapi/schema-parts';
import {
  failedPreconditionSchema,
  forbiddenSchema,
  internalErrorSchema,
  invalidRequestSchema,
  notFoundSchema,
  orderTimeoutSchema,
  paymentUnavailableSchema,
  rechargeRefusedSchema,
  replayRefusedSchema,
  requestRefusedSchema,
  serviceUnavailableSchema,
  unauthorizedSchema,
  unknownBreakerSchema,
  unknownQueueSchema,
} from './error-schemas';

/** The Retry-After header of every 503 that names a dependency. */
export const retryAfterHeader = {
  'Retry-After': {
    type: 'integer',
    minimum: 0,
    description: 'seconds until the dependency is worth asking again (its breaker period)',
  },
} as const;

/** The error answers a route can give, by what went wrong; each is one status with its body's schema. */
const errorAnswerKinds = {
  invalid: [
    400,
    { description: 'A parameter is invalid: a violation per field', ...ref(invalidRequestSchema) },
  ],
  invalidBody: [
    400,
    {
      description: 'A field is invalid (a violation per field), or the body is not JSON',
      oneOf: [ref(invalidRequestSchema), ref(requestRefusedSchema)],
    },
  ],
  unauthorized: [
    401,
    {
      description: 'No or a wrong admin bearer token (or admin is disabled)',
      ...ref(unauthorizedSchema),
    },
  ],
  customerUnauthorized: [
    401,
    {
      description:
        'No or a wrong bearer token: a customer token (from POST /api/orders) or the admin token',
      ...ref(unauthorizedSchema),
    },
  ],
  forbidden: [
    403,
    {
      description: "A customer token of another customer than the invoice's",
      ...ref(forbiddenSchema),
    },
  ],
  notFound: [404, { description: 'No such entity', ...ref(notFoundSchema) }],
  unknownQueue: [
    404,
    { description: 'No dead-letter queue of that name', ...ref(unknownQueueSchema) },
  ],
  unknownBreaker: [
    404,
    {
      description:
        "The gateway has no breaker of that name (other processes' breakers are listed read-only)",
      ...ref(unknownBreakerSchema),
    },
  ],
  failedPrecondition: [
    409,
    {
      description: 'Refused as things stand (e.g. not enough stock): a violation per refused field',
      ...ref(failedPreconditionSchema),
    },
  ],
  rechargeRefused: [
    409,
    {
      description:
        'The invoice is paid, a payment of it is in flight, or its stock can no longer be held: nothing charged',
      ...ref(rechargeRefusedSchema),
    },
  ],
  replayRefused: [
    409,
    {
      description: "The entry's check refused it (its order's stock is gone)",
      ...ref(replayRefusedSchema),
    },
  ],
  tooLarge: [
    413,
    { description: 'The body is larger than GAARA_BODY_LIMIT_BYTES', ...ref(requestRefusedSchema) },
  ],
  unsupportedMediaType: [
    415,
    { description: 'The body is not application/json', ...ref(requestRefusedSchema) },
  ],
  unavailable: [
    503,
    {
      description: 'A dependency is down, slow or behind an open breaker',
      headers: retryAfterHeader,
      ...ref(serviceUnavailableSchema),
    },
  ],
  orderUnavailable: [
    503,
    {
      description:
        'A dependency is unavailable; PAYMENT_UNAVAILABLE: the order exists but its payment could not be queued (repeating with the same idempotencyKey is safe)',
      headers: retryAfterHeader,
      oneOf: [ref(serviceUnavailableSchema), ref(paymentUnavailableSchema)],
    },
  ],
  placeOrderUnavailable: [
    503,
    {
      description:
        'A dependency is unavailable (dependency `orders`: too many orders at once, nothing done); PAYMENT_UNAVAILABLE: the order exists but its payment could not be queued; ORDER_TIMEOUT: the order ran past its deadline and goes on (repeating with the same idempotencyKey is safe after any of them)',
      headers: retryAfterHeader,
      oneOf: [
        ref(serviceUnavailableSchema),
        ref(paymentUnavailableSchema),
        ref(orderTimeoutSchema),
      ],
    },
  ],
} as const;

export type ErrorAnswerKind = keyof typeof errorAnswerKinds;

/** The errors of every route that takes a JSON body, besides what its handler may add. */
export const bodyErrors = [
  'invalidBody',
  'tooLarge',
  'unsupportedMediaType',
] as const satisfies readonly ErrorAnswerKind[];

/**
 * Response schemas of `kinds`, keyed by status, plus 500 (every route may fail on a bug); a later kind with the
 * same status as an earlier one replaces it. They document: the gateway sends bodies as built (openapi/register-openapi.ts).
 */
export function errorAnswers(...kinds: readonly ErrorAnswerKind[]): Record<number, object> {
  const answers: Record<number, object> = {
    500: {
      description: 'A bug: nothing about the cause, the log has it under requestId',
      ...ref(internalErrorSchema),
    },
  };
  for (const kind of kinds) {
    const [status, answer] = errorAnswerKinds[kind];
    answers[status] = answer;
  }
  return answers;
}
