// Imports nothing: config.ts reads it before telemetry starts, when no instrumented library may load yet.

/** How long the `email` breaker stays open, in milliseconds (spec: 60 s); GAARA_BREAKER_OPEN_MS's default. */
export const EMAIL_BREAKER_OPEN_MS = 60_000;
