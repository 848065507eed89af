import { AggregationType, type ViewOptions } from '@opentelemetry/sdk-metrics';

/** Meter of `@opentelemetry/instrumentation-http`, whose client histogram collides with undici's. */
const HTTP_INSTRUMENTATION_METER = '@opentelemetry/instrumentation-http';

/**
 * Views of every service's meter provider. The http and undici instrumentations both create
 * `http.client.request.duration`, with different descriptions, so /metrics showed two families of one name and
 * promtool rejected the scrape. Calls to dependencies go through fetch (undici); node:http carries only the OTLP
 * exporter's own posts: the http instrumentation's client histogram is dropped, its server histogram kept.
 */
export function metricViews(): ViewOptions[] {
  return [
    {
      meterName: HTTP_INSTRUMENTATION_METER,
      instrumentName: 'http.client.request.duration',
      aggregation: { type: AggregationType.DROP },
    },
  ];
}
