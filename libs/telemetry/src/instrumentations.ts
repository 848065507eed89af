import { GrpcInstrumentation } from '@opentelemetry/instrumentation-grpc';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

/** Paths scraped or probed every few seconds; tracing them would bury the real traffic. */
const UNTRACED_HTTP_PATHS = new Set(['/metrics', '/health', '/healthz', '/ready']);

/** Instrumented library, as required after start-up: http/https, fetch (undici), @grpc/grpc-js, pg, kafkajs. */
export type AutoInstrumentation =
  | GrpcInstrumentation
  | HttpInstrumentation
  | KafkaJsInstrumentation
  | PgInstrumentation
  | UndiciInstrumentation;

/**
 * The instrumentations every service gets. They patch modules through require hooks, so only
 * modules required after telemetry started are traced.
 */
export function createInstrumentations(): AutoInstrumentation[] {
  return [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) =>
        UNTRACED_HTTP_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
    }),
    // grpc.health.v1 probes arrive every few seconds; the instrumentation matches on the bare method name.
    new GrpcInstrumentation({ ignoreGrpcMethods: ['Check', 'Watch'] }),
    // Pool pings and migrations outside a request would each start a lone trace.
    new PgInstrumentation({ requireParentSpan: true }),
    new KafkaJsInstrumentation(),
    // Node's global fetch (payment provider, external API) runs on undici, which the http instrumentation does not see.
    new UndiciInstrumentation(),
  ];
}
