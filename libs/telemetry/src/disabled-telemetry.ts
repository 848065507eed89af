import { createNoopMeter, trace, type Meter, type MeterProvider } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Telemetry } from './telemetry';

const noopMeterProvider: MeterProvider = { getMeter: (): Meter => createNoopMeter() };

/** Telemetry that records nothing and starts nothing, around a working logger. */
export function disabledTelemetry(
  serviceName: string,
  logger: Logger,
  onShutdown: () => void,
): Telemetry {
  return {
    enabled: false,
    serviceName,
    logger,
    // The API's global tracer provider is a no-op until an SDK registers one.
    tracer: trace.getTracer(serviceName),
    meter: createNoopMeter(),
    meterProvider: noopMeterProvider,
    getMeter: () => createNoopMeter(),
    metricsRequestHandler: (_request, response) => {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('# telemetry is disabled\n');
    },
    metricsServerReady: Promise.resolve(),
    flush: () => Promise.resolve(),
    shutdown: () => {
      onShutdown();
      return Promise.resolve();
    },
  };
}
