// Imported first by main.ts: telemetry must start before @grpc/grpc-js, pg, knex and kafkajs are required.
import { loadConfigOrExit } from '@gaara/config';
import { startTelemetry, telemetryOptionsFromConfig } from '@gaara/telemetry';
import { notificationConfigSchema } from './config';

export const config = loadConfigOrExit(notificationConfigSchema);
export const telemetry = startTelemetry(telemetryOptionsFromConfig(config));
