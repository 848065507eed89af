// Imported first by main.ts: telemetry must start before @grpc/grpc-js is required to trace it.
import { loadConfigOrExit } from '@gaara/config';
import { startTelemetry, telemetryOptionsFromConfig } from '@gaara/telemetry';
import { aggregatorConfig } from './config';

export const config = loadConfigOrExit(aggregatorConfig);
export const telemetry = startTelemetry(telemetryOptionsFromConfig(config));
