import { BulkheadFullError } from '@gaara/resilience';
import { ConnectionSlots, NoFreeConnectionError } from './connection-slots';

describe('ConnectionSlots', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A run that stays in its slot until released. */
  function gate(): { run: () => Promise<string>; release: () => void; started: () => boolean } {
    let release = (): void => undefined;
    let started = false;
    const opened = new Promise<void>((resolve) => (release = resolve));
    return {
      run: async () => {
        started = true;
        await opened;
        return 'done';
      },
      release: () => release(),
      started: () => started,
    };
  }

  it('runs up to `limit` at once and starts the waiting ones in order as slots free up', async () => {
    const slots = new ConnectionSlots('email', 1, 5, 10_000);
    const [a, b, c] = [gate(), gate(), gate()];
    const runs = [slots.run(a.run), slots.run(b.run), slots.run(c.run)];
    await jest.advanceTimersByTimeAsync(0);
    expect([a.started(), b.started(), c.started()]).toEqual([true, false, false]);
    a.release();
    await jest.advanceTimersByTimeAsync(0);
    expect([b.started(), c.started()]).toEqual([true, false]);
    b.release();
    await jest.advanceTimersByTimeAsync(0);
    expect(c.started()).toBe(true);
    c.release();
    await expect(Promise.all(runs)).resolves.toEqual(['done', 'done', 'done']);
  });

  it('refuses beyond its queue and gives up a wait after maxWaitMs, never running either', async () => {
    const slots = new ConnectionSlots('email', 1, 1, 1000);
    const [a, b, c] = [gate(), gate(), gate()];
    const first = slots.run(a.run);
    const waiting = slots.run(b.run).catch((error: unknown) => error);
    await expect(slots.run(c.run)).rejects.toBeInstanceOf(BulkheadFullError);
    await jest.advanceTimersByTimeAsync(1000);
    expect(await waiting).toBeInstanceOf(NoFreeConnectionError);
    a.release();
    await expect(first).resolves.toBe('done');
    expect([b.started(), c.started()]).toEqual([false, false]);
    // The slot is free again once the holder finished.
    const d = gate();
    const next = slots.run(d.run);
    await jest.advanceTimersByTimeAsync(0);
    expect(d.started()).toBe(true);
    d.release();
    await expect(next).resolves.toBe('done');
  });

  it('frees the slot when a run throws', async () => {
    const slots = new ConnectionSlots('email', 1, 1, 1000);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
