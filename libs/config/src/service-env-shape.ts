import { boolean, oneOf, port, string, url } from './env-var';
import { DEPLOY_ENVS } from './secret';

/** Log levels a service accepts in GAARA_LOG_LEVEL (pino's names). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Defaults a service passes for the variables every service reads. */
export interface ServiceEnvDefaults {
  /** Default for GAARA_SERVICE_NAME; without it the variable is required. */
  readonly serviceName?: string;
  /** Default for GAARA_METRICS_PORT, defaults to 9464; each local service needs its own. */
  readonly metricsPort?: number;
}

/**
 * The variables every service reads, to spread into its own shape:
 * `defineConfig({ ...serviceEnvShape({ serviceName: 'catalog', metricsPort: 9471 }), GAARA_PG_URL: url(['postgres']) })`.
 */
export function serviceEnvShape(defaults: ServiceEnvDefaults = {}) {
  return {
    GAARA_SERVICE_NAME:
      defaults.serviceName === undefined ? string() : string().default(defaults.serviceName),
    GAARA_SERVICE_VERSION: string().default('0.0.0'),
    GAARA_DEPLOYMENT_ENVIRONMENT: string().default('local'),
    /** `production`: every secret (see secret()) must be set, none falls back to its local default. */
    GAARA_ENV: oneOf(DEPLOY_ENVS).default('local'),
    GAARA_LOG_LEVEL: oneOf(LOG_LEVELS).default('info'),
    GAARA_TELEMETRY_ENABLED: boolean().default(true),
    /** Base URL of the OTLP http/protobuf receiver (Jaeger); `/v1/traces` is appended. */
    GAARA_OTLP_ENDPOINT: url().default('http://127.0.0.1:4318'),
    GAARA_METRICS_PORT: port().default(defaults.metricsPort ?? 9464),
  };
}
