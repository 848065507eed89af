import { messageHeaders, type RetryMetadata } from './retry-headers';
import type { RetryTopology } from './retry-topology';

/** Shortest deferral, in milliseconds: a handler asking for less (or for a non-finite delay) gets this. */
export const MIN_DEFER_MS = 100;

/**
 * A 'defer' asked for after the item's deferral budget ran out; the library handles it as a 'retry' with this
 * error (next tier, or the dead-letter topic after the last), so a long outage still ends on the DLT.
 */
export class DeferralBudgetExhaustedError extends Error {
  /** Stable code callers branch on. */
  public readonly code = 'MESSAGING_DEFERRAL_BUDGET_EXHAUSTED';

  constructor(
    readonly deferrals: number,
    readonly reason: string,
  ) {
    super(`deferred ${deferrals} times; budget exhausted (last reason: ${reason.slice(0, 200)})`);
    this.name = 'DeferralBudgetExhaustedError';
  }
}

/** Sum of every tier's delay, in milliseconds: the deferral budget of one item. */
export function deferralBudgetMs(topology: RetryTopology): number {
  return topology.tiers.reduce((sum, tier) => sum + tier.delayMs, 0);
}

/**
 * Epoch milliseconds from which a 'defer' counts as a 'retry': the budget (sum of all tier delays) after the
 * item's first failure, or after its replay when it was put back from the DLT. Without either timestamp the
 * budget counts from `fallbackStart` (the handling's start; the deferred copy then records it as first failure).
 */
export function deferralDeadline(
  metadata: RetryMetadata,
  headers: Readonly<Record<string, string>>,
  topology: RetryTopology,
  fallbackStart: number,
): number {
  const starts = [metadata.firstFailureAt, headers[messageHeaders.replayedAt] ?? '']
    .map((text) => Date.parse(text))
    .filter((ms) => Number.isFinite(ms));
  const start = starts.length === 0 ? fallbackStart : Math.max(...starts);
  return start + deferralBudgetMs(topology);
}

/** The due time of a deferred copy: `now` + the asked delay, at least MIN_DEFER_MS. */
export function deferredDueAt(now: number, delayMs: number): number {
  return (
    now + (Number.isFinite(delayMs) ? Math.max(MIN_DEFER_MS, Math.ceil(delayMs)) : MIN_DEFER_MS)
  );
}
