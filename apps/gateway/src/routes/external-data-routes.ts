import type { FastifyInstance } from 'fastify';
import { ServiceUnavailableError } from '../errors/gateway-errors';
import type { ExternalDataSource } from '../external/external-data-source';
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
    { schema: { querystring: noQuerySchema } },
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
