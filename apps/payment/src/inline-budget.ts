// Imports nothing: config.ts reads the default before telemetry starts, when no instrumented library may load yet.

/**
 * How long Charge may take before it answers PENDING and lets its first attempt go on, by default, in
 * milliseconds from the request's arrival: a slow or hanging provider (its own timeout is 5 s) must not hold the
 * order's answer past the store's 1 s answer target (issue #12; the rest of an order takes 100–300 ms under
 * load); a provider answering within it still gives SUCCEEDED (or FAILED) inline.
 */
export const DEFAULT_INLINE_BUDGET_MS = 300;
