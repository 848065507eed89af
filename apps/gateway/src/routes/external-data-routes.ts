import type { FastifyInstance } from 'fastify';
import { errorAnswers, retryAfterHeader } from '../errors/error-answers';
import { ServiceUnavailableError } from '../errors/gateway-errors';
import type { ExternalDataSource } from '../external/external-data-source';
import {
  externalDataSchema,
  externalDataUnavailableSchema,
} from '../openapi/external-data-schemas';
import { ref } from '../openapi/schema-parts';
import { noQuerySchema } from './schemas';

/**
 * GET /api/external-data, answered as the spec shows: `{ success: true, data }`, the last good copy as
 * `{ success: true, data, cached: true }`, or 503 `{ success: false, error: 'Service unavailable' }`.
 */
export function registerExternalDataRoutes(
  app: FastifyInstance,
  external: ExternalDataSource,
): void {
  app.get(
    '/api/external-data',
    {
      schema: {
        tags: ['external'],
        operationId: 'getExternalData',
        summary: "The external API's data, or its last good copy",
        querystring: noQuerySchema,
        response: {
          200: {
            description: 'Fresh, or the last good copy (cached: true)',
            ...ref(externalDataSchema),
          },
          ...errorAnswers('invalid'),
          503: {
            description: 'The external API is unavailable and no copy is left',
            headers: retryAfterHeader,
            ...ref(externalDataUnavailableSchema),
          },
        },
      },
    },
    async (_request, reply) => {
      try {
        const { data, cached } = await external.get();
        return cached ? { success: true, data, cached: true } : { success: true, data };
      } catch (error: unknown) {
        if (!(error instanceof ServiceUnavailableError)) throw error;
        return reply
          .code(503)
          .header('retry-after', String(error.retryAfterSeconds))
          .send({ success: false, error: 'Service unavailable' });
      }
    },
  );
}
