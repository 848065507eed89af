import type { FastifyInstance } from 'fastify';
import { requireAdminToken } from '../admin/admin-guard';
import {
  STORE_BREAKER_PROCESSES,
  type BreakerAction,
  type BreakerBoard,
} from '../admin/breaker-board';
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

const processNameParamsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['process', 'name'],
  properties: {
    process: { type: 'string', enum: [...STORE_BREAKER_PROCESSES] },
    name: { type: 'string', minLength: 1, maxLength: 64 },
  },
} as const;

const processActionSummaries: Readonly<Record<BreakerAction, string>> = {
  isolate:
    'Isolate one breaker of a store process: its calls fail fast until it is reset (audited)',
  reset: 'Reset one breaker of a store process: closed, window cleared (audited)',
};

const actionSummaries: Readonly<Record<BreakerAction, string>> = {
  isolate: "Isolate one of the gateway's breakers: calls fail fast until it is reset (audited)",
  reset: "Reset one of the gateway's breakers: closed, window cleared (audited)",
};

/**
 * Breaker admin, behind `Authorization: Bearer <GAARA_ADMIN_TOKEN>`: GET /admin/breakers lists every breaker of
 * every process with its window counts; POST /admin/breakers/:name/isolate and /reset act on the gateway's own,
 * /admin/breakers/:process/:name/isolate and /reset on another process's (its BreakerAdminService); each action
 * writes an audit line.
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
          async (request) => ({
            breaker: await board.act(action, request.params.name, request.id),
          }),
        );
        admin.post<{ Params: { process: string; name: string } }>(
          `/breakers/:process/:name/${action}`,
          {
            schema: {
              tags: ['admin'],
              operationId: `${action}ProcessBreaker`,
              summary: processActionSummaries[action],
              security: adminSecurity,
              params: processNameParamsSchema,
              response: {
                200: { description: 'The breaker as it is now', ...ref(breakerActionSchema) },
                ...errorAnswers('invalid', 'unauthorized', 'unknownBreaker', 'unavailable'),
              },
            },
          },
          async (request) => ({
            breaker: await board.act(
              action,
              request.params.name,
              request.id,
              request.params.process,
            ),
          }),
        );
      }
      done();
    },
    { prefix: '/admin' },
  );
}
