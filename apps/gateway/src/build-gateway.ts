import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ResilienceLogger } from '@gaara/resilience';
import { setHttpRoute, type MetricsRequestHandler } from '@gaara/telemetry';
import type { BreakerBoard } from './admin/breaker-board';
import type { DeadLetterDesk } from './admin/dead-letter-desk';
import type { ConsoleSources } from './console/console-sources';
import type { DashboardCache } from './dashboard/dashboard-cache';
import { httpErrorResponse } from './errors/http-error-response';
import type { ExternalDataSource } from './external/external-data-source';
import type { GatewayHealth } from './health/gateway-health';
import type { CustomerTokens } from './invoices/customer-tokens';
import type { InvoiceDesk } from './invoices/invoice-desk';
import { registerOpenApi } from './openapi/register-openapi';
import type { OrderDesk } from './orders/order-desk';
import type { ProductCatalog } from './products/product-catalog';
import { registerAdminRoutes } from './routes/admin-routes';
import { registerBreakerRoutes } from './routes/breaker-routes';
import { registerConsoleRoutes } from './routes/console-routes';
import { registerDashboardRoutes } from './routes/dashboard-routes';
import { registerExternalDataRoutes } from './routes/external-data-routes';
import { registerHealthRoutes } from './routes/health-routes';
import { registerInvoiceRoutes } from './routes/invoice-routes';
import { registerOrderRoutes } from './routes/order-routes';
import { registerProductRoutes } from './routes/product-routes';

/** What the routes are served from. */
export interface GatewayParts {
  readonly products: ProductCatalog;
  readonly invoices: InvoiceDesk;
  readonly orders: OrderDesk;
  readonly deadLetters: DeadLetterDesk;
  /** Bearer token of the /admin routes; empty disables them (every call 401). */
  readonly adminToken: string;
  /** Issues (POST /api/orders) and checks (GET /api/invoices) the customers' own bearer tokens. */
  readonly customerTokens: CustomerTokens;
  /** Every process's breakers; isolate and reset act on the gateway's own. */
  readonly breakers: BreakerBoard;
  /** The operator console's page, bundle and read-only sources. */
  readonly console: ConsoleSources;
  readonly dashboard: DashboardCache;
  readonly health: GatewayHealth;
  readonly external: ExternalDataSource;
  readonly metrics: MetricsRequestHandler;
  readonly logger: ResilienceLogger;
  /** Largest accepted request body, in bytes; larger answers 413. */
  readonly bodyLimitBytes: number;
}

/** The gateway's Fastify app with every route, validation, the single error → HTTP mapping and /openapi.json. */
export function buildGateway(parts: GatewayParts): FastifyInstance {
  const app = Fastify({
    // Per-request logging would cost more than the dashboard route itself; errors are logged below.
    logger: false,
    bodyLimit: parts.bodyLimitBytes,
    genReqId: () => randomUUID(),
    ajv: {
      // Wrong types are errors, not guesses; unknown fields are rejected, not silently dropped.
      customOptions: { coerceTypes: false, removeAdditional: false, allErrors: true },
    },
  });

  app.setErrorHandler((error, request, reply) => {
    const response = httpErrorResponse(error, request.id);
    if (response.unexpected) {
      parts.logger.error(
        { err: error, requestId: request.id, route: request.routeOptions.url },
        'request failed',
      );
    }
    return reply.code(response.statusCode).headers(response.headers).send(response.body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'Not found', code: 'ROUTE_NOT_FOUND', requestId: request.id }),
  );

  // Server spans and the request-duration metric named by route (`POST /api/orders`), not by method alone.
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url !== undefined) setHttpRoute(request.routeOptions.url);
  });
  registerOpenApi(app);
  // Inside a plugin, so the routes are added after @fastify/swagger has loaded and sees them all.
  void app.register((routes, _options, done) => {
    registerProductRoutes(routes, parts.products);
    registerOrderRoutes(routes, parts.orders, parts.customerTokens);
    registerInvoiceRoutes(routes, parts.invoices, parts);
    registerDashboardRoutes(routes, parts.dashboard);
    registerHealthRoutes(routes, parts.health, parts.metrics);
    registerExternalDataRoutes(routes, parts.external);
    registerAdminRoutes(routes, parts.deadLetters, parts.adminToken);
    registerBreakerRoutes(routes, parts.breakers, parts.adminToken);
    registerConsoleRoutes(routes, parts.console);
    done();
  });
  return app;
}
