import type { WorkItem } from '@gaara/messaging';
import type { BreakerState, BreakerTransition } from '@gaara/resilience';
import { breakerDeferral, MIN_DEFERRAL_MS, spreadDeferral } from './breaker-deferral';

const noSpread = () => 0;

const NOW = 1_000_000;
const item = (tierDelayMs: number, deferralDeadline = NOW + 60_000): WorkItem =>
  ({
    tier: { label: 't', delayMs: tierDelayMs, topic: 'payments.retry.t' },
    deferralDeadline,
  }) as unknown as WorkItem;
const view = (state: BreakerState, openedAt = NOW) => ({
  breaker: {
    state,
    lastTransition: { breaker: 'payment', from: 'closed', to: state, cause: '', at: openedAt } as
      BreakerTransition | undefined,
  },
  openMs: 1500,
});

describe('breakerDeferral', () => {
  it('attempts at once while the breaker is closed', () => {
    expect(breakerDeferral(view('closed'), item(8000), NOW, noSpread)).toBeUndefined();
  });

  it('defers an open breaker until it half-opens, capped by the tier delay, at least 250 ms', () => {
    expect(breakerDeferral(view('open', NOW - 500), item(8000), NOW, noSpread)).toBe(1000);
    expect(breakerDeferral(view('open', NOW - 500), item(600), NOW, noSpread)).toBe(600);
    expect(breakerDeferral(view('open', NOW - 1400), item(8000), NOW, noSpread)).toBe(
      MIN_DEFERRAL_MS,
    );
  });

  it('attempts when the open period is over (the call is the probe) and once the budget is spent', () => {
    expect(breakerDeferral(view('open', NOW - 2000), item(8000), NOW, noSpread)).toBeUndefined();
    expect(breakerDeferral(view('open', NOW), item(8000, NOW), NOW, noSpread)).toBeUndefined();
  });

  it('waits briefly for a probe in flight and a tier delay while isolated', () => {
    expect(breakerDeferral(view('half-open'), item(8000), NOW, noSpread)).toBe(MIN_DEFERRAL_MS);
    expect(breakerDeferral(view('isolated'), item(4000), NOW, noSpread)).toBe(4000);
  });

  it('spreads deferrals over half a tier delay so waiting tasks do not all fall due at once', () => {
    expect(breakerDeferral(view('open', NOW - 500), item(8000), NOW, () => 0.5)).toBe(1000 + 2000);
    expect(breakerDeferral(view('half-open'), item(1000), NOW, () => 0.999)).toBe(
      MIN_DEFERRAL_MS + 500,
    );
    expect(spreadDeferral(250, 4000, () => 0)).toBe(250);
  });
});
