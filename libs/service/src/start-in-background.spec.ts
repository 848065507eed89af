import { startInBackground } from './start-in-background';

describe('startInBackground', () => {
  it('retries a failing start with growing waits until it succeeds, and stops what it started', async () => {
    const warnings: unknown[] = [];
    let attempts = 0;
    let stopped = 0;
    const background = startInBackground(
      () => {
        attempts += 1;
        if (attempts < 3) return Promise.reject(new Error('broker down'));
        return Promise.resolve({ stop: () => Promise.resolve(void (stopped += 1)) });
      },
      { what: 'consumer', logger: { warn: (obj) => warnings.push(obj) }, initialMs: 10, maxMs: 20 },
    );
    await expect(background.started).resolves.toBe(true);
    expect(attempts).toBe(3);
    expect(warnings).toEqual([
      expect.objectContaining({ retryInMs: 10 }),
      expect.objectContaining({ retryInMs: 20 }),
    ]);
    await background.stop();
    expect(stopped).toBe(1);
  });

  it('gives up when stopped while waiting, without starting', async () => {
    let attempts = 0;
    let waiting: () => void = () => undefined;
    // It warns when the first start failed and its wait begins.
    const firstWait = new Promise<void>((resolve) => (waiting = resolve));
    const background = startInBackground(
      () => {
        attempts += 1;
        return Promise.reject(new Error('broker down'));
      },
      { what: 'consumer', logger: { warn: () => waiting() }, initialMs: 60_000 },
    );
    await firstWait;
    await background.stop();
    await expect(background.started).resolves.toBe(false);
    expect(attempts).toBe(1);
  });
});
