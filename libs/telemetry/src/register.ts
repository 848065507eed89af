// Entry for `node --require @gaara/telemetry/register dist/main.js`: telemetry starts from the GAARA_*
// variables before main.ts requires anything, so every instrumented module is patched. main.ts then
// takes the handle with getTelemetry() and calls its shutdown() on SIGTERM.
import { defineConfig, loadConfigOrExit, serviceEnvShape } from '@gaara/config';
import { startTelemetry } from './start-telemetry';
import { telemetryOptionsFromConfig } from './telemetry-options-from-config';

startTelemetry(telemetryOptionsFromConfig(loadConfigOrExit(defineConfig(serviceEnvShape()))));
