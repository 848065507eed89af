import { deferralBudgetMs, deferralDeadline, deferredDueAt, MIN_DEFER_MS } from './deferral';
import { messageHeaders, type RetryMetadata } from './retry-headers';
import { retryTopology } from './retry-topology';

const topology = retryTopology({ name: 'work', delays: '1s,2s,4s,8s' });
const metadata = (firstFailureAt: string): RetryMetadata => ({
  attempt: 1,
  originalTopic: 'work.tasks',
  firstFailureAt,
  lastErrorClass: 'Error',
  lastErrorMessage: 'x',
  dueAt: 0,
  deferrals: 0,
});

describe('deferral bound', () => {
  it('is the sum of all tier delays', () => {
    expect(deferralBudgetMs(topology)).toBe(15_000);
  });

  it('counts from the first failure, from a later replay, or from the handling when neither is known', () => {
    const first = Date.parse('2026-01-01T00:00:00.000Z');
    expect(deferralDeadline(metadata(new Date(first).toISOString()), {}, topology, 5)).toBe(
      first + 15_000,
    );
    const replayed = { [messageHeaders.replayedAt]: new Date(first + 60_000).toISOString() };
    expect(deferralDeadline(metadata(new Date(first).toISOString()), replayed, topology, 5)).toBe(
      first + 75_000,
    );
    expect(deferralDeadline(metadata(''), {}, topology, 1000)).toBe(16_000);
  });

  it('never defers for less than MIN_DEFER_MS', () => {
    expect(deferredDueAt(1000, 0)).toBe(1000 + MIN_DEFER_MS);
    expect(deferredDueAt(1000, Number.NaN)).toBe(1000 + MIN_DEFER_MS);
    expect(deferredDueAt(1000, 2500)).toBe(3500);
  });
});
