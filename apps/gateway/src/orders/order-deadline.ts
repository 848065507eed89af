// Imports nothing: config.ts reads the default before telemetry starts, when no instrumented library may load yet.

/**
 * How long placing one order may take, in milliseconds (GAARA_ORDER_DEADLINE_MS's default): within the store's
 * 1 s answer target (issue #12), so a slow or restarting dependency gives a 503 to repeat, never a hang.
 */
export const DEFAULT_ORDER_DEADLINE_MS = 750;
