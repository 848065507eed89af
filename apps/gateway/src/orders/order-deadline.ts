// Imports nothing: config.ts reads the default before telemetry starts, when no instrumented library may load yet.

/**
 * How long placing one order may take, in milliseconds (GAARA_ORDER_DEADLINE_MS's default): within the store's
 * 1 s answer target (issue #12), so a slow or restarting dependency gives a 503 to repeat, never a hang.
 */
export const DEFAULT_ORDER_DEADLINE_MS = 750;

/**
 * Orders the gateway places at once, by default (GAARA_ORDER_CONCURRENCY): the rest answer 503 at once. Twice what
 * 20 orders/s within the deadline hold (~15), so only a burst is refused: e.g. the repeats queued by clients while
 * a restarted gateway was down, which otherwise saturated its event loop and left every route hanging.
 */
export const DEFAULT_ORDER_CONCURRENCY = 32;

/** How long a started gateway takes to admit its full order concurrency, in milliseconds (see OrderLimits). */
export const DEFAULT_ORDER_SLOW_START_MS = 5000;
