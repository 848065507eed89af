import type { FastifyInstance } from 'fastify';
import type { DashboardCache } from '../dashboard/dashboard-cache';
import { errorAnswers } from '../errors/error-answers';
import { dashboardSchema } from '../openapi/dashboard-schemas';
import { ref } from '../openapi/schema-parts';
import { noQuerySchema } from './schemas';

/** GET /api/dashboard: served from the gateway's in-memory copy (see DashboardCache); always 200. */
export function registerDashboardRoutes(app: FastifyInstance, dashboard: DashboardCache): void {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        operationId: 'getDashboard',
        summary: 'Products, invoices, payments and notifications, each section with its freshness',
        querystring: noQuerySchema,
        response: {
          200: {
            description: 'Always 200: sections say stale or unavailable',
            ...ref(dashboardSchema),
          },
          ...errorAnswers('invalid'),
        },
      },
    },
    async (_request, reply) => {
      const body = await dashboard.body();
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );
}
