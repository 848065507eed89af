import type { FastifyInstance, FastifyRequest } from 'fastify';
import { breakerBoardSchema } from '../admin/breaker-schemas';
import { consolePage } from '../console/console-page';
import type { ConsoleSources } from '../console/console-sources';
import { errorAnswers } from '../errors/error-answers';
import { ref } from '../openapi/schema-parts';

/** Prometheus HTTP API endpoints the console reads. */
const prometheusEndpoints = ['alerts', 'query', 'query_range'] as const;

const upstreamAnswer = (upstream: string) => ({
  description: `${upstream}'s JSON answer, as it gave it`,
  type: 'object',
  additionalProperties: true,
});

/** The raw query string of a request, without '?', passed on to the upstream as it came. */
function rawQuery(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at === -1 ? '' : request.url.slice(at + 1);
}

/**
 * The operator console: GET /console (the page), /console/assets/:file (its bundle), and the read-only data it
 * needs without an admin token: /console/api/breakers, Prometheus's alerts and queries, Jaeger's services and
 * traces (proxied, so the browser needs no CORS). Actions go through the /admin routes with the token.
 */
export function registerConsoleRoutes(app: FastifyInstance, sources: ConsoleSources): void {
  app.get('/console', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(consolePage),
  );
  app.get<{ Params: { file: string } }>(
    '/console/assets/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const asset = await sources.assets.read(request.params.file);
      if (asset === undefined) return reply.callNotFound();
      return reply.type(asset.contentType).header('cache-control', 'no-cache').send(asset.body);
    },
  );
  app.get(
    '/console/api/breakers',
    {
      schema: {
        tags: ['operations'],
        operationId: 'consoleBreakers',
        summary:
          'Every breaker of every process, read-only (the console; same as GET /admin/breakers)',
        response: {
          200: { description: 'The breakers', ...ref(breakerBoardSchema) },
          ...errorAnswers(),
        },
      },
    },
    () => sources.breakers.list(),
  );
  app.get<{ Params: { endpoint: (typeof prometheusEndpoints)[number] } }>(
    '/console/api/prometheus/api/v1/:endpoint',
    {
      schema: {
        tags: ['operations'],
        operationId: 'consolePrometheus',
        summary:
          "Prometheus's /api/v1/alerts, query or query_range, proxied (GAARA_PROMETHEUS_URL)",
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['endpoint'],
          properties: { endpoint: { type: 'string', enum: prometheusEndpoints } },
        },
        response: {
          200: upstreamAnswer('Prometheus'),
          ...errorAnswers('invalid', 'unavailable'),
        },
      },
    },
    (request) => sources.prometheus.get(`/api/v1/${request.params.endpoint}`, rawQuery(request)),
  );
  app.get(
    '/console/api/jaeger/api/services',
    {
      schema: {
        tags: ['operations'],
        operationId: 'consoleJaegerServices',
        summary: "Jaeger's query API /api/services, proxied (GAARA_JAEGER_QUERY_URL)",
        response: { 200: upstreamAnswer('Jaeger'), ...errorAnswers('unavailable') },
      },
    },
    () => sources.jaeger.get('/api/services', ''),
  );
  app.get(
    '/console/api/jaeger/api/traces',
    {
      schema: {
        tags: ['operations'],
        operationId: 'consoleJaegerTraces',
        summary: "Jaeger's query API /api/traces?service=…&limit=…&lookback=…, proxied",
        response: { 200: upstreamAnswer('Jaeger'), ...errorAnswers('unavailable') },
      },
    },
    (request) => sources.jaeger.get('/api/traces', rawQuery(request)),
  );
  app.get<{ Params: { traceId: string } }>(
    '/console/api/jaeger/api/traces/:traceId',
    {
      schema: {
        tags: ['operations'],
        operationId: 'consoleJaegerTrace',
        summary: "Jaeger's query API /api/traces/:traceId, proxied",
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['traceId'],
          properties: { traceId: { type: 'string', pattern: '^[0-9a-f]{1,32}$' } },
        },
        response: {
          200: upstreamAnswer('Jaeger'),
          ...errorAnswers('invalid', 'unavailable'),
        },
      },
    },
    (request) => sources.jaeger.get(`/api/traces/${request.params.traceId}`, ''),
  );
}
