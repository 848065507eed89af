// Imports nothing: config.ts reads it before telemetry starts, when no instrumented library may load yet.

/** How long the `payment` breaker stays open, in milliseconds (spec: 120 s); GAARA_BREAKER_OPEN_MS's default. */
export const PAYMENT_BREAKER_OPEN_MS = 120_000;
