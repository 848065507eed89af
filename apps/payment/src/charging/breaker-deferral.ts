import type { WorkItem } from '@gaara/messaging';
import type { CircuitBreaker } from '@gaara/resilience';

/** Shortest deferral, in ms: below it a deferred task would spin on the tier while a probe is in flight. */
export const MIN_DEFERRAL_MS = 250;

/**
 * A deferral spread over [ms, ms + half the tier delay): hundreds of tasks waiting on one breaker would otherwise
 * all fall due at the same instant, pile up on the tier (late) and come back again together.
 */
export function spreadDeferral(
  ms: number,
  tierDelayMs: number,
  random: () => number = Math.random,
): number {
  return Math.round(ms + random() * (tierDelayMs / 2));
}

/** What {@link breakerDeferral} reads of the `payment` breaker: its state, last change and open period. */
export interface BreakerView {
  readonly breaker: Pick<CircuitBreaker, 'state' | 'lastTransition'>;
  /** Open period of the breaker, in ms (policy config breaker.openMs). */
  readonly openMs: number;
}

/**
 * How long to defer a due ChargeTask without claiming it, in ms, or undefined to attempt it now. Open: until
 * about when the breaker half-opens (at most the tier's delay, at least MIN_DEFERRAL_MS) plus a spread; already
 * past its open period: attempt (this call becomes the probe). Half-open: a probe is in flight, MIN_DEFERRAL_MS
 * plus a spread. Isolated by
 * an operator: the tier's delay. Never once the item's deferral budget is used up (`deferralDeadline`): the
 * attempt then meets the breaker and moves on a tier as any failure, so a long outage still ends on the DLT.
 */
export function breakerDeferral(
  view: BreakerView,
  item: WorkItem,
  now: number,
  random: () => number = Math.random,
): number | undefined {
  const state = view.breaker.state;
  if (state === 'closed' || now >= item.deferralDeadline) return undefined;
  const tierDelayMs = item.tier.delayMs;
  const clamp = (ms: number): number => Math.max(MIN_DEFERRAL_MS, Math.min(ms, tierDelayMs));
  switch (state) {
    case 'half-open':
      return spreadDeferral(MIN_DEFERRAL_MS, tierDelayMs, random);
    case 'isolated':
      return clamp(tierDelayMs);
    case 'open': {
      const opened = view.breaker.lastTransition;
      const openedAt = opened?.to === 'open' ? opened.at : now;
      const untilHalfOpen = openedAt + view.openMs - now;
      return untilHalfOpen <= 0
        ? undefined
        : spreadDeferral(clamp(untilHalfOpen), tierDelayMs, random);
    }
  }
}
