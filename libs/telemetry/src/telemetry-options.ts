import type { DestinationStream } from 'pino';
import type { LogLevel } from './create-logger';

export interface TelemetryOptions {
  /** `service.name` on spans and metrics, `service` on log lines. */
  readonly serviceName: string;
  /** `service.version`, defaults to `0.0.0`. */
  readonly serviceVersion?: string;
  /** `deployment.environment`, defaults to `local`. */
  readonly deploymentEnvironment?: string;
  /** `service.instance.id`, defaults to a random UUID per process. */
  readonly serviceInstanceId?: string;
  /** When false nothing is exported or patched; the logger still works. Defaults to true. */
  readonly enabled?: boolean;
  /** Base URL of the OTLP http/protobuf receiver, defaults to `http://127.0.0.1:4318` (`/v1/traces` is appended). */
  readonly otlpEndpoint?: string;
  /** Longest one span export may take, retries included, in milliseconds; defaults to 1000. */
  readonly exportTimeoutMs?: number;
  /** Delay between span batches in milliseconds, defaults to 1000. */
  readonly exportDelayMs?: number;
  /** Port of the own Prometheus `/metrics` server, defaults to 9464; `false` starts none. */
  readonly metricsPort?: number | false;
  /** Interface the `/metrics` server binds to, defaults to `0.0.0.0` (Prometheus scrapes from outside). */
  readonly metricsHost?: string;
  /** Longest {@link Telemetry.shutdown} waits for the last export, in milliseconds; defaults to 2000. */
  readonly shutdownTimeoutMs?: number;
  /** Lowest log level, defaults to `info`. */
  readonly logLevel?: LogLevel;
  /** Where log lines go, defaults to stdout. */
  readonly logDestination?: DestinationStream;
}

export const TELEMETRY_DEFAULTS = {
  serviceVersion: '0.0.0',
  deploymentEnvironment: 'local',
  otlpEndpoint: 'http://127.0.0.1:4318',
  exportTimeoutMs: 1000,
  exportDelayMs: 1000,
  metricsPort: 9464,
  metricsHost: '0.0.0.0',
  shutdownTimeoutMs: 2000,
} as const;
