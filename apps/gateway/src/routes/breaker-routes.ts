import type { FastifyInstance } from 'fastify';
import { requireAdminToken } from '../admin/admin-guard';
import type { BreakerAction, BreakerBoard } from '../admin/breaker-board';
import { breakerActionSchema, breakerBoardSchema } from '../admin/breaker-schemas';
import { errorAnswers } from '../errors/error-answers';
import { adminSecurity } from '../openapi/register-openapi';
import { ref } from '../openapi/schema-parts';

const nameParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const actionSummaries: Readonly<Record<BreakerAction, string>> = {
  isolate: "Isolate one of the gateway's breakers: calls fail fast until it is reset (audited)",
  reset: "Reset one of the gateway's breakers: closed, window cleared (audited)",
};

/**
 * Breaker admin, behind `Authorization: Bearer <GAARA_ADMIN_TOKEN>`: GET /admin/breakers lists every breaker of
 * every process (the gateway's with counts, the others' read-only through the aggregator's health view);
 * POST /admin/breakers/:name/isolate and /reset act on the gateway's own breakers and write an audit line.
 */
export function registerBreakerRoutes(
  app: FastifyInstance,
  board: BreakerBoard,
  adminToken: string,
): void {
  void app.register(
    (admin, _options, done) => {
      requireAdminToken(admin, adminToken);
      admin.get(
        '/breakers',
        {
          schema: {
            tags: ['admin'],
            operationId: 'listBreakers',
            summary: 'Every breaker of every process, with which processes answered',
            security: adminSecurity,
            response: {
              200: { description: 'The breakers', ...ref(breakerBoardSchema) },
              ...errorAnswers('unauthorized'),
            },
          },
        },
        () => board.list(),
      );
      for (const action of ['isolate', 'reset'] as const) {
        admin.post<{ Params: { name: string } }>(
          `/breakers/:name/${action}`,
          {
            schema: {
              tags: ['admin'],
              operationId: `${action}Breaker`,
              summary: actionSummaries[action],
              security: adminSecurity,
              params: nameParamsSchema,
              response: {
                200: { description: 'The breaker as it is now', ...ref(breakerActionSchema) },
                ...errorAnswers('invalid', 'unauthorized', 'unknownBreaker'),
              },
            },
          },
          (request) => ({ breaker: board.act(action, request.params.name, request.id) }),
        );
      }
      done();
    },
    { prefix: '/admin' },
  );
}
