// Imported first by main.ts: telemetry must start before @grpc/grpc-js, pg and knex are required.
import { loadConfigOrExit } from '@gaara/config';
import { startTelemetry, telemetryOptionsFromConfig } from '@gaara/telemetry';
import { catalogConfigSchema } from './config';

export const config = loadConfigOrExit(catalogConfigSchema);
export const telemetry = startTelemetry(telemetryOptionsFromConfig(config));
