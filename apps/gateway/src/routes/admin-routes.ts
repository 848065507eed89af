import type { FastifyInstance } from 'fastify';
import { isAdminAuthorized } from '../admin/admin-token';
import type { DeadLetterDesk, ReplaySelector } from '../admin/dead-letter-desk';
import { UnauthorizedError } from '../errors/gateway-errors';

const queueParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['queue'],
  properties: { queue: { type: 'string', minLength: 1, maxLength: 64 } },
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
 * Operator routes over the retry queues' dead letters, all behind `Authorization: Bearer <GAARA_ADMIN_TOKEN>`
 * (checked before anything else, so an unauthorized call neither validates nor touches Kafka):
 * GET /admin/dead-letters/:queue?limit=1..500 → `{ queue, topic, entries }`;
 * POST /admin/dead-letters/:queue/replay `{ all: true }` | `{ partition, offset }` → `{ replayed, refused? }`
 * (payments: an entry whose order's stock is gone is refused with the reason; one entry refused → 409).
 */
export function registerAdminRoutes(
  app: FastifyInstance,
  deadLetters: DeadLetterDesk,
  adminToken: string,
): void {
  void app.register(
    (admin, _options, done) => {
      admin.addHook('onRequest', async (request) => {
        if (!isAdminAuthorized(request.headers.authorization, adminToken)) {
          throw new UnauthorizedError();
        }
      });
      admin.get<{ Params: { queue: string }; Querystring: { limit?: string } }>(
        '/dead-letters/:queue',
        { schema: { params: queueParamsSchema, querystring: listQuerySchema } },
        (request) =>
          deadLetters.list(
            request.params.queue,
            request.query.limit === undefined ? defaultLimit : Number(request.query.limit),
          ),
      );
      admin.post<{ Params: { queue: string }; Body: ReplaySelector }>(
        '/dead-letters/:queue/replay',
        { schema: { params: queueParamsSchema, body: replayBodySchema } },
        (request) => deadLetters.replay(request.params.queue, request.body),
      );
      done();
    },
    { prefix: '/admin' },
  );
}
