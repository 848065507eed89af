import { PolicyTimeoutError } from '../errors/policy-timeout-error';
import { Timeout } from './timeout';

describe('Timeout (one shared timer)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('rejects with PolicyTimeoutError and aborts the signal the operation holds', async () => {
    const timeouts = jest.fn();
    const timeout = new Timeout(100, timeouts);
    let seen: AbortSignal | undefined;
    const result = timeout.execute(({ signal }) => {
      seen = signal;
      return new Promise(() => undefined);
    }, 1);
    const settled = expect(result).rejects.toBeInstanceOf(PolicyTimeoutError);
    await jest.advanceTimersByTimeAsync(99);
    expect(seen?.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await settled;
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(PolicyTimeoutError);
    expect(timeouts).toHaveBeenCalledTimes(1);
    expect(timeout.running).toBe(0);
  });

  it('expires each of many overlapping attempts at its own deadline', async () => {
    const timeout = new Timeout(100);
    const outcomes: string[] = [];
    const start = (label: string, settleAfter?: number): void => {
      timeout
        .execute(
          () =>
            new Promise<string>(
              (resolve) =>
                settleAfter !== undefined && setTimeout(() => resolve(label), settleAfter),
            ),
          1,
        )
        .then(
          (v) => outcomes.push(`ok ${v}`),
          () => outcomes.push(`timeout ${label}`),
        );
    };
    start('a'); // expires at 100
    await jest.advanceTimersByTimeAsync(30);
    start('b', 10); // finishes at 40
    start('c'); // expires at 130
    await jest.advanceTimersByTimeAsync(30);
    start('d', 50); // finishes at 110
    await jest.advanceTimersByTimeAsync(39); // t = 99
    expect(outcomes).toEqual(['ok b']);
    await jest.advanceTimersByTimeAsync(1); // t = 100
    expect(outcomes).toEqual(['ok b', 'timeout a']);
    await jest.advanceTimersByTimeAsync(10); // t = 110
    expect(outcomes).toEqual(['ok b', 'timeout a', 'ok d']);
    await jest.advanceTimersByTimeAsync(19); // t = 129
    expect(outcomes).toEqual(['ok b', 'timeout a', 'ok d']);
    await jest.advanceTimersByTimeAsync(1); // t = 130
    expect(outcomes).toEqual(['ok b', 'timeout a', 'ok d', 'timeout c']);
    expect(timeout.running).toBe(0);
  });

  it('passes results and errors through and never creates a signal unless asked', async () => {
    const timeout = new Timeout(100);
    await expect(timeout.execute(() => 42, 1)).resolves.toBe(42);
    await expect(timeout.execute(() => Promise.reject(new Error('x')), 1)).rejects.toThrow('x');
    await expect(
      timeout.execute(() => {
        throw new Error('sync');
      }, 1),
    ).rejects.toThrow('sync');
    expect(timeout.running).toBe(0);
  });

  it('aborts the operation when the caller’s own signal aborts', async () => {
    const timeout = new Timeout(1000);
    const caller = new AbortController();
    let seen: AbortSignal | undefined;
    const result = timeout.execute(
      ({ signal }) =>
        new Promise((_, reject) => {
          seen = signal;
          signal.addEventListener('abort', () => reject(new Error('cancelled')));
        }),
      1,
      caller.signal,
    );
    caller.abort(new Error('user left'));
    await expect(result).rejects.toThrow('cancelled');
    expect(seen?.aborted).toBe(true);
  });
});
