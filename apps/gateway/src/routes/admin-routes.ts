import type { FastifyInstance } from 'fastify';
import { requireAdminToken } from '../admin/admin-guard';
import type { DeadLetterDesk, ReplaySelector } from '../admin/dead-letter-desk';
import { queueNames } from '../admin/dead-letter-queues';
import { bodyErrors, errorAnswers } from '../errors/error-answers';
import { deadLetterListSchema, replayResultSchema } from '../openapi/dead-letter-schemas';
import { adminSecurity } from '../openapi/register-openapi';
import { ref } from '../openapi/schema-parts';

const queueParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['queue'],
  properties: {
    queue: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      // Not an enum: an unknown queue answers 404 (UNKNOWN_QUEUE), not 400.
      description: `the dead-letter queue: ${queueNames.join(', ')}; another name answers 404`,
    },
  },
} as const;

/** `?limit=` 1..500, checked as text (query strings are not coerced). */
const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'string', pattern: '^(500|[1-4][0-9]{2}|[1-9][0-9]?)$' } },
} as const;

const replayBodySchema = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['all'],
      properties: { all: { const: true } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['partition', 'offset'],
      properties: {
        partition: { type: 'integer', minimum: 0, maximum: 100_000 },
        // Kafka offsets are int64: a decimal string, as listing answers them.
        offset: { type: 'string', pattern: '^[0-9]{1,19}$' },
      },
    },
  ],
} as const;

/** Entries listed when `limit` is not given. */
const defaultLimit = 100;

/**
 * Operator routes over the dead letters of the retry queues (payments, notifications) and of the event consumers
 * (invoice, catalog), all behind `Authorization: Bearer <GAARA_ADMIN_TOKEN>`
 * (checked before anything else, so an unauthorized call neither validates nor touches Kafka):
 * GET /admin/dead-letters/:queue?limit=1..500 → `{ queue, topic, entries }`;
 * POST /admin/dead-letters/:queue/replay `{ all: true }` | `{ partition, offset }` → `{ replayed, refused? }`
 * (payments: an entry whose order's stock is gone is refused with the reason; one entry refused → 409). A retry
 * queue's entries go back on its first tier, an event consumer's onto its own replay topic (that group only).
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  deadLetters: DeadLetterDesk,
  adminToken: string,
): void {
  void app.register(
    (admin, _options, done) => {
      requireAdminToken(admin, adminToken);
      admin.get<{ Params: { queue: string }; Querystring: { limit?: string } }>(
        '/dead-letters/:queue',
        {
          schema: {
            tags: ['admin'],
            operationId: 'listDeadLetters',
            summary: `A queue's dead letters (${queueNames.join(', ')})`,
            security: adminSecurity,
            params: queueParamsSchema,
            querystring: listQuerySchema,
            response: {
              200: { description: 'Dead letters, oldest first', ...ref(deadLetterListSchema) },
              ...errorAnswers('invalid', 'unauthorized', 'unknownQueue', 'unavailable'),
            },
          },
        },
        (request) =>
          deadLetters.list(
            request.params.queue,
            request.query.limit === undefined ? defaultLimit : Number(request.query.limit),
          ),
      );
      admin.post<{ Params: { queue: string }; Body: ReplaySelector }>(
        '/dead-letters/:queue/replay',
        {
          schema: {
            tags: ['admin'],
            operationId: 'replayDeadLetters',
            summary: 'Replay every dead letter not replayed yet, or one by partition and offset',
            security: adminSecurity,
            params: queueParamsSchema,
            body: replayBodySchema,
            response: {
              200: {
                description: 'Replayed; with all, refused entries are listed',
                ...ref(replayResultSchema),
              },
              ...errorAnswers(
                ...bodyErrors,
                'unauthorized',
                'unknownQueue',
                'replayRefused',
                'unavailable',
              ),
            },
          },
        },
        (request) => deadLetters.replay(request.params.queue, request.body),
      );
      done();
    },
    { prefix: '/admin' },
  );
}
