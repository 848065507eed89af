import type { FastifyInstance } from 'fastify';
import type { MetricsRequestHandler } from '@gaara/telemetry';
import type { GatewayHealth } from '../health/gateway-health';
import { noQuerySchema } from './schemas';

/** GET /health (200 healthy, 503 degraded) and GET /metrics (Prometheus text). */
export function registerHealthRoutes(
  app: FastifyInstance,
  health: GatewayHealth,
  metrics: MetricsRequestHandler,
): void {
  app.get('/health', { schema: { querystring: noQuerySchema } }, async (_request, reply) => {
    const body = await health.check();
    return reply.code(body.status === 'healthy' ? 200 : 503).send(body);
  });
  app.get('/metrics', (request, reply) => {
    reply.hijack();
    metrics(request.raw, reply.raw);
  });
}
