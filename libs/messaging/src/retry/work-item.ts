import type { RetryMetadata } from './retry-headers';
import type { RetryTier } from './retry-topology';

/** A message taken from a retry tier, due now. */
export interface WorkItem {
  readonly key: string | undefined;
  /** Value of the gaara-type header; always one of the consumer's `types`. */
  readonly type: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly metadata: RetryMetadata;
  readonly tier: RetryTier;
  /** Index of the tier the message was consumed from (0 = first tier); a deferral keeps it. */
  readonly tierIndex: number;
  readonly isLastTier: boolean;
  /**
   * Epoch milliseconds from which a 'defer' is handled as a 'retry' (judged by when handle was CALLED, so a
   * handler that checks `Date.now() < deferralDeadline` first is never overruled): first failure (or replay)
   * + the sum of all tier delays, e.g. 35 min 35 s for 5s,30s,5m,30m.
   */
  readonly deferralDeadline: number;
}

/** What the handler did with a work item. */
export type WorkOutcome =
  /** Processed, or stale/duplicate with nothing to do. */
  | { readonly outcome: 'done' }
  /** Transient failure: on to the next tier, or the dead-letter topic after the last. */
  | { readonly outcome: 'retry'; readonly error: unknown }
  /** Permanent failure or poison: the dead-letter topic at once. */
  | { readonly outcome: 'dead'; readonly reason: string }
  /**
   * Not attempted (e.g. the dependency's breaker is open): the same value goes back on the SAME tier with the
   * same attempt count, due `delayMs` from now (at least 100 ms), gaara-deferrals + 1. Uses no tier. After
   * `WorkItem.deferralDeadline` it is handled as 'retry' (DeferralBudgetExhaustedError).
   */
  | { readonly outcome: 'defer'; readonly delayMs: number; readonly reason: string };
