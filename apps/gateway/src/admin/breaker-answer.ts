// The breaker list as the gateway answers it; types only (no imports), so the console's front end shares them.

/** A breaker's state as the board shows it; `unknown` where its process does not say. */
export type BoardState = 'closed' | 'open' | 'half-open' | 'isolated' | 'unknown';

/** One breaker of one process. */
export interface BoardBreaker {
  /** The process keeping the breaker: gateway, catalog, invoice, payment, notification or aggregator. */
  readonly process: string;
  /** Its name, the same as its metric label (`service`). */
  readonly name: string;
  readonly state: BoardState;
  /** Calls in the breaker's window; null where the process reports no counts. */
  readonly calls: number | null;
  readonly failures: number | null;
  /** failures / calls, 0..1; null without calls or counts. */
  readonly failureRate: number | null;
  /** ISO 8601 UTC of the last state change; null if it never changed or is not reported. */
  readonly lastTransitionAt: string | null;
  readonly lastTransitionCause: string | null;
  /** Short, sanitized explanation ('' when none). */
  readonly detail: string;
  /** True when the admin API can isolate and reset it. */
  readonly actions: boolean;
}

/** Whether one reporting process answered. */
export interface BoardSource {
  readonly process: string;
  readonly status: 'ok' | 'unavailable';
  readonly detail: string;
}

/** Every breaker the gateway can see, and which sources answered. */
export interface BoardAnswer {
  readonly breakers: readonly BoardBreaker[];
  readonly sources: readonly BoardSource[];
}
