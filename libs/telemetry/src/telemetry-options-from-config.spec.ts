import { defineConfig, loadConfig, serviceEnvShape } from '@gaara/config';
import { telemetryOptionsFromConfig } from './telemetry-options-from-config';

describe('telemetryOptionsFromConfig', () => {
  it('maps the shared service variables onto telemetry options', () => {
    const config = loadConfig(
      defineConfig(serviceEnvShape({ serviceName: 'gateway', metricsPort: 9470 })),
      {
        GAARA_SERVICE_VERSION: '1.0.0',
        GAARA_TELEMETRY_ENABLED: 'false',
        GAARA_OTLP_ENDPOINT: 'http://jaeger:4318',
        GAARA_LOG_LEVEL: 'debug',
      },
    );
    expect(telemetryOptionsFromConfig(config)).toEqual({
      serviceName: 'gateway',
      serviceVersion: '1.0.0',
      deploymentEnvironment: 'local',
      enabled: false,
      otlpEndpoint: 'http://jaeger:4318',
      metricsPort: 9470,
      logLevel: 'debug',
    });
  });
});
