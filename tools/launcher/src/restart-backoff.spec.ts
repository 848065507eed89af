import { DEFAULT_RESTART_POLICY, nextRestart } from './restart-backoff';

describe('restart backoff of supervised services', () => {
  it('waits 1 s, 2 s, 4 s … and never more than 30 s while the service keeps crashing', () => {
    let history = { restarts: 0, readyAt: undefined as number | undefined };
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const next = nextRestart(history, 1_000_000 + i);
      delays.push(next.delayMs);
      history = { restarts: next.restarts, readyAt: undefined };
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('keeps growing when the service was ready for less than 60 s', () => {
    const next = nextRestart({ restarts: 3, readyAt: 0 }, DEFAULT_RESTART_POLICY.resetAfterMs - 1);
    expect(next).toEqual({ delayMs: 8000, restarts: 4 });
  });

  it('starts again at 1 s after 60 s of health', () => {
    const next = nextRestart({ restarts: 5, readyAt: 0 }, DEFAULT_RESTART_POLICY.resetAfterMs);
    expect(next).toEqual({ delayMs: 1000, restarts: 1 });
  });

  it('takes its numbers from the policy', () => {
    const policy = { initialDelayMs: 10, maxDelayMs: 25, resetAfterMs: 100 };
    expect(nextRestart({ restarts: 1, readyAt: undefined }, 0, policy).delayMs).toBe(20);
    expect(nextRestart({ restarts: 2, readyAt: undefined }, 0, policy).delayMs).toBe(25);
  });
});
