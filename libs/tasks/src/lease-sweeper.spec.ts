import { startSweeper } from './lease-sweeper';

describe('startSweeper', () => {
  it('sweeps every interval without overlapping, and stop waits for the sweep in flight', async () => {
    let running = 0;
    let overlapped = false;
    let sweeps = 0;
    let release: () => void = () => undefined;
    const third = new Promise<void>((resolve) => (release = resolve));
    const sweeper = startSweeper({
      intervalMs: 5,
      sweep: async () => {
        running++;
        overlapped ||= running > 1;
        sweeps++;
        // The sweep's own work (not a wait for an event): long enough for the next interval to come due.
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
        if (sweeps === 3) release();
        return sweeps;
      },
    });
    await third;
    await sweeper.stop();
    expect(overlapped).toBe(false);
    const after = sweeps;
    // No sweep after stop is an absence: hold six intervals for one, then count.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sweeps).toBe(after);
  });

  it('logs a failed sweep and keeps sweeping', async () => {
    const errors: string[] = [];
    let calls = 0;
    let release: () => void = () => undefined;
    const second = new Promise<void>((resolve) => (release = resolve));
    const sweeper = startSweeper({
      intervalMs: 5,
      what: 'e-mail lease sweep',
      logger: { error: (_: object, message: string) => void errors.push(message) },
      sweep: async () => {
        calls++;
        if (calls === 2) release();
        if (calls === 1) throw new Error('database down');
        return calls;
      },
    });
    await second;
    await sweeper.stop();
    expect(errors).toEqual(['e-mail lease sweep failed']);
  });

  it('sweeps once on demand', async () => {
    const sweeper = startSweeper({ intervalMs: 60_000, sweep: async () => 7 });
    await expect(sweeper.sweep()).resolves.toBe(7);
    await sweeper.stop();
  });
});
