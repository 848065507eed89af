import { BackgroundCheck } from './background-check';

interface Pending<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: Error): void;
}

/**
 * A check whose answers the spec gives by hand, counting how often it was started. `answer` resolves once the
 * checker took the answer in (its handler on the check's promise was attached first, so it ran first).
 */
function manualCheck<T>(): {
  run: () => Promise<T>;
  started: () => number;
  answer: (value: T) => Promise<void>;
  fail: (error: Error) => void;
} {
  const pending: Array<Pending<T>> = [];
  const latest = (): Pending<T> => {
    const entry = pending[pending.length - 1];
    if (entry === undefined) throw new Error('no check was started');
    return entry;
  };
  return {
    run: () => {
      let resolve: (value: T) => void = () => undefined;
      let reject: (error: Error) => void = () => undefined;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      pending.push({ promise, resolve, reject });
      return promise;
    },
    started: () => pending.length,
    answer: async (value) => {
      const entry = latest();
      entry.resolve(value);
      await entry.promise;
    },
    fail: (error) => latest().reject(error),
  };
}

describe('BackgroundCheck', () => {
  it('runs one check however often it is asked before the answer, then keeps the answer', async () => {
    const check = manualCheck<string>();
    const cached = new BackgroundCheck(check.run, { refreshMs: 1000, now: () => 5 });
    for (let i = 0; i < 20; i++) cached.refreshIfDue();
    expect(check.started()).toBe(1);
    expect(cached.running?.startedAt).toBe(5);
    expect(cached.last).toBeUndefined();
    await check.answer('up');
    expect(cached.last).toEqual({ value: 'up', at: 5 });
    await eventuallyIdle(cached);
  });

  it('refreshes only once the answer is older than refreshMs, and never twice at once', async () => {
    let now = 0;
    const check = manualCheck<string>();
    const cached = new BackgroundCheck(check.run, { refreshMs: 1000, now: () => now });
    cached.refreshIfDue();
    await check.answer('up');
    await eventuallyIdle(cached);

    now = 999;
    cached.refreshIfDue();
    expect(check.started()).toBe(1);
    now = 1000;
    // Due: a refresh starts and never answers; asking again, even much later, starts no other.
    for (let i = 0; i < 50; i++, now += 1000) cached.refreshIfDue();
    expect(check.started()).toBe(2);
    expect(cached.last?.value).toBe('up');
  });

  it('keeps the last answer through a failed check, and checks again when asked after it', async () => {
    const check = manualCheck<string>();
    const cached = new BackgroundCheck(check.run, { refreshMs: 0, now: () => 0 });
    cached.refreshIfDue();
    await check.answer('up');
    await eventuallyIdle(cached);
    cached.refreshIfDue();
    check.fail(new Error('broker gone'));
    await eventuallyIdle(cached);
    expect(cached.last?.value).toBe('up');
    cached.refreshIfDue();
    expect(check.started()).toBe(3);
  });
});

/** Waits until the check in flight (if any) has settled and been forgotten. */
async function eventuallyIdle<T>(cached: BackgroundCheck<T>): Promise<void> {
  const running = cached.running;
  // The checker's own handler on the promise was attached first, so it has run once this await resumes.
  if (running !== undefined) await running.promise.catch(() => undefined);
  expect(cached.running).toBeUndefined();
}
