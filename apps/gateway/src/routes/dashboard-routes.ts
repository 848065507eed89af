import type { FastifyInstance } from 'fastify';
import type { DashboardCache } from '../dashboard/dashboard-cache';
import { noQuerySchema } from './schemas';

/** GET /api/dashboard: served from the gateway's in-memory copy (see DashboardCache); always 200. */
export function registerDashboardRoutes(app: FastifyInstance, dashboard: DashboardCache): void {
  app.get('/api/dashboard', { schema: { querystring: noQuerySchema } }, async (_request, reply) => {
    const body = await dashboard.body();
    return reply.type('application/json; charset=utf-8').send(body);
  });
}
