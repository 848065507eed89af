import type { ConfigOf, ConfigSchema, serviceEnvShape } from '@gaara/config';
import type { TelemetryOptions } from './telemetry-options';

/** A loaded configuration that includes @gaara/config's serviceEnvShape variables. */
export type ServiceEnvConfig = ConfigOf<ConfigSchema<ReturnType<typeof serviceEnvShape>>>;

/** Telemetry options from the shared service variables (GAARA_SERVICE_NAME, GAARA_OTLP_ENDPOINT, ...). */
export function telemetryOptionsFromConfig(config: ServiceEnvConfig): TelemetryOptions {
  return {
    serviceName: config.GAARA_SERVICE_NAME,
    serviceVersion: config.GAARA_SERVICE_VERSION,
    deploymentEnvironment: config.GAARA_DEPLOYMENT_ENVIRONMENT,
    enabled: config.GAARA_TELEMETRY_ENABLED,
    otlpEndpoint: config.GAARA_OTLP_ENDPOINT,
    metricsPort: config.GAARA_METRICS_PORT,
    logLevel: config.GAARA_LOG_LEVEL,
  };
}
