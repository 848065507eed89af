import type { FastifyInstance } from 'fastify';
import type { MetricsRequestHandler } from '@gaara/telemetry';
import { errorAnswers } from '../errors/error-answers';
import type { GatewayHealth } from '../health/gateway-health';
import { healthSchema } from '../openapi/health-schema';
import { ref } from '../openapi/schema-parts';
import { noQuerySchema } from './schemas';

/** GET /health (200 healthy, 503 degraded) and GET /metrics (Prometheus text). */
export function registerHealthRoutes(
  app: FastifyInstance,
  health: GatewayHealth,
  metrics: MetricsRequestHandler,
): void {
  app.get(
    '/health',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getHealth',
        summary: 'Health of every dependency and breaker',
        querystring: noQuerySchema,
        response: {
          200: { description: 'Healthy', ...ref(healthSchema) },
          ...errorAnswers('invalid'),
          503: { description: 'Degraded: `details` says why', ...ref(healthSchema) },
        },
      },
    },
    async (_request, reply) => {
      const body = await health.check();
      return reply.code(body.status === 'healthy' ? 200 : 503).send(body);
    },
  );
  const metricsAnswer = {
    description: 'Prometheus text exposition',
    content: { 'text/plain': { schema: { type: 'string' } } },
  };
  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        operationId: 'getMetrics',
        summary: 'Prometheus metrics',
        response: { 200: metricsAnswer },
      },
    },
    (request, reply) => {
      reply.hijack();
      metrics(request.raw, reply.raw);
    },
  );
}
