// Imported first by main.ts: telemetry must start before @grpc/grpc-js, pg and knex are required.
import { loadConfigOrExit } from '@gaara/config';
import { startTelemetry, telemetryOptionsFromConfig } from '@gaara/telemetry';
import { invoiceConfigSchema } from './config';

export const config = loadConfigOrExit(invoiceConfigSchema);
export const telemetry = startTelemetry(telemetryOptionsFromConfig(config));
