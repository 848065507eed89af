import { settleWithin } from './with-timeout';

describe('settleWithin', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reports done when the work finishes in time', async () => {
    await expect(settleWithin(Promise.resolve('x'), 100)).resolves.toEqual({ status: 'done' });
  });

  it('reports a failure instead of rejecting', async () => {
    const error = new Error('export failed');
    await expect(settleWithin(Promise.reject(error), 100)).resolves.toEqual({
      status: 'failed',
      error,
    });
  });

  it('gives up after the timeout, in milliseconds', async () => {
    const outcome = settleWithin(new Promise(() => undefined), 2000);
    await jest.advanceTimersByTimeAsync(1999);
    let settled = false;
    void outcome.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toEqual({ status: 'timed-out' });
  });
});
