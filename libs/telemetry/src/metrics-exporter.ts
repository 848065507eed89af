import type { IncomingMessage, ServerResponse } from 'node:http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import type { Logger } from 'pino';

/** Answers one HTTP request with the Prometheus text exposition of every metric. */
export type MetricsRequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface MetricsExporterOptions {
  /** Port of the own `/metrics` server; `false` starts none (mount the request handler instead). */
  readonly port: number | false;
  /** Interface the own server binds to. */
  readonly host: string;
  readonly logger: Logger;
}

export interface MetricsExporter {
  readonly reader: PrometheusExporter;
  readonly requestHandler: MetricsRequestHandler;
  /** Settles when the own server listens, failed to (logged, not thrown), or was not asked for. */
  readonly serverReady: Promise<void>;
}

/** A Prometheus pull reader for the meter provider, with its `/metrics` server started if asked. */
export function createMetricsExporter(options: MetricsExporterOptions): MetricsExporter {
  const reader = new PrometheusExporter({
    port: options.port === false ? undefined : options.port,
    host: options.host,
    // Started below so a busy port is logged instead of reported through diag only.
    preventServerStart: true,
  });
  const serverReady =
    options.port === false
      ? Promise.resolve()
      : reader.startServer().then(
          () =>
            options.logger.debug(
              { port: options.port, host: options.host },
              'metrics served on /metrics',
            ),
          (error: unknown) =>
            options.logger.warn(
              { err: error, port: options.port },
              'metrics server did not start; /metrics is not served',
            ),
        );
  return {
    reader,
    requestHandler: (request, response) => reader.getMetricsRequestHandler(request, response),
    serverReady,
  };
}
