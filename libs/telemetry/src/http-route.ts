import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';

/**
 * Names the route of the incoming HTTP request being handled (e.g. `/api/products/:id`): the http
 * instrumentation then names its server span `GET /api/products/:id`, sets `http.route` on it and adds
 * `http_route` to the request-duration metric. A no-op outside a traced request (telemetry off, say).
 */
export function setHttpRoute(route: string): void {
  const metadata = getRPCMetadata(context.active());
  if (metadata?.type === RPCType.HTTP) metadata.route = route;
}
