// Imported first by main.ts: telemetry must start before fastify and @grpc/grpc-js are required to trace them.
import { loadConfigOrExit } from '@gaara/config';
import { startTelemetry, telemetryOptionsFromConfig } from '@gaara/telemetry';
import { gatewayConfig } from './config';

export const config = loadConfigOrExit(gatewayConfig);
// /metrics is served by the gateway's own HTTP server, so no second port is opened.
export const telemetry = startTelemetry({
  ...telemetryOptionsFromConfig(config),
  metricsPort: false,
});
