// Imported first by main.ts: telemetry must start before @grpc/grpc-js, pg, knex and kafkajs are required.
import { loadConfigOrExit } from '@gaara/config';
import { startTelemetry, telemetryOptionsFromConfig } from '@gaara/telemetry';
import { paymentConfigSchema } from './config';

export const config = loadConfigOrExit(paymentConfigSchema);
export const telemetry = startTelemetry(telemetryOptionsFromConfig(config));
