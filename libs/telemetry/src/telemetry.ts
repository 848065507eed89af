import type { Meter, MeterProvider, Tracer } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { MetricsRequestHandler } from './metrics-exporter';

/** What {@link startTelemetry} hands back: the process's logger, tracer and meters, and its shutdown. */
export interface Telemetry {
  /** False when started with `enabled: false`: everything below is a no-op except the logger. */
  readonly enabled: boolean;
  readonly serviceName: string;
  readonly logger: Logger;
  /** Tracer named after the service. */
  readonly tracer: Tracer;
  /** Meter named after the service. */
  readonly meter: Meter;
  readonly meterProvider: MeterProvider;
  /** Meter for a library or component, e.g. `getMeter('@gaara/resilience')`. */
  getMeter(name: string, version?: string): Meter;
  /** Serves `/metrics` from an app's own HTTP server; answers 503 when telemetry is disabled. */
  readonly metricsRequestHandler: MetricsRequestHandler;
  /** Settles once the own `/metrics` server listens (or could not start, which is logged). */
  readonly metricsServerReady: Promise<void>;
  /** Sends the spans ended so far; waits at most the shutdown timeout and never rejects. */
  flush(): Promise<void>;
  /**
   * Exports what is left, stops the `/metrics` server and unregisters everything. Resolves within
   * the shutdown timeout (2000 ms by default) even when the collector is unreachable; never rejects.
   */
  shutdown(): Promise<void>;
}
