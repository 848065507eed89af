// JSON Schemas of the breaker answers (GET /admin/breakers, the console's read-only copy, isolate and reset).
import { closedObject, isoTimeOrNull, ref } from '../openapi/schema-parts';

const countOrNull = {
  type: ['integer', 'null'],
  minimum: 0,
  description: "calls in the breaker's window; null where its process reports no counts",
} as const;

/** One breaker of one process. */
export const boardBreakerSchema = {
  $id: 'Breaker',
  ...closedObject({
    process: { type: 'string', examples: ['gateway', 'aggregator', 'payment', 'notification'] },
    name: { type: 'string', description: 'the metric label `service`', examples: ['catalog'] },
    state: { type: 'string', enum: ['closed', 'open', 'half-open', 'isolated', 'unknown'] },
    calls: countOrNull,
    failures: countOrNull,
    failureRate: {
      type: ['number', 'null'],
      minimum: 0,
      maximum: 1,
      description: 'failures / calls in the window; null without calls or counts',
    },
    lastTransitionAt: isoTimeOrNull,
    lastTransitionCause: { type: ['string', 'null'], description: 'why it last changed state' },
    detail: { type: 'string', description: "the reporting process's sanitized explanation" },
    actions: {
      type: 'boolean',
      description: 'true: this gateway isolates and resets it (its own breakers)',
    },
  }),
} as const;

/** Every breaker the gateway sees, and which reporting processes answered. */
export const breakerBoardSchema = {
  $id: 'BreakerBoard',
  ...closedObject({
    breakers: { type: 'array', items: ref(boardBreakerSchema) },
    sources: {
      type: 'array',
      items: closedObject({
        process: { type: 'string' },
        status: { type: 'string', enum: ['ok', 'unavailable'] },
        detail: { type: 'string' },
      }),
    },
  }),
} as const;

/** The answer of isolate and reset: the breaker as it is now. */
export const breakerActionSchema = {
  $id: 'BreakerAction',
  ...closedObject({ breaker: ref(boardBreakerSchema) }),
} as const;
