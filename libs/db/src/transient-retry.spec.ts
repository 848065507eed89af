import { failFastWhileUnreachable } from './database-reachability';
import { withTransientRetry } from './transient-retry';

/** A pg-shaped error with a SQLSTATE. */
function pgError(code: string, message = `pg error ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

function recordingSleep(): { waits: number[]; sleep: (ms: number) => Promise<void> } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}

describe('withTransientRetry', () => {
  it('retries a transient error after exactly 1 s then 2 s, 3 attempts in all', async () => {
    const { waits, sleep } = recordingSleep();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const operation = jest.fn((): Promise<never> => Promise.reject(refused));

    await expect(withTransientRetry(operation, { sleep })).rejects.toBe(refused);
    expect(operation).toHaveBeenCalledTimes(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it('returns the first success and stops retrying', async () => {
    const { waits, sleep } = recordingSleep();
    let calls = 0;
    const result = await withTransientRetry(
      (attempt) => {
        calls++;
        return attempt < 2 ? Promise.reject(pgError('40001')) : Promise.resolve('ok');
      },
      { sleep },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(2);
    expect(waits).toEqual([1000]);
  });

  it.each([
    ['unique violation', pgError('23505')],
    ['syntax error', pgError('42601')],
    ['not-null violation', pgError('23502')],
    ['plain bug', new TypeError('x is undefined')],
  ])('never retries a %s', async (_label, error) => {
    const { waits, sleep } = recordingSleep();
    const operation = jest.fn((): Promise<never> => Promise.reject(error));
    await expect(withTransientRetry(operation, { sleep })).rejects.toBe(error);
    expect(operation).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });

  it.each([
    ['connection exception (08006)', pgError('08006')],
    ['deadlock (40P01)', pgError('40P01')],
    ['admin shutdown (57P01)', pgError('57P01')],
    ['terminated socket', new Error('Connection terminated unexpectedly')],
  ])('retries a %s', async (_label, error) => {
    const { sleep } = recordingSleep();
    const operation = jest.fn((): Promise<never> => Promise.reject(error));
    await expect(withTransientRetry(operation, { sleep })).rejects.toBe(error);
    expect(operation).toHaveBeenCalledTimes(3);
  });

  it('reports each retry before waiting', async () => {
    const { sleep } = recordingSleep();
    const notices: Array<[number, number]> = [];
    await expect(
      withTransientRetry(() => Promise.reject(pgError('08001')), {
        sleep,
        onRetry: (notice) => notices.push([notice.nextAttempt, notice.delayMs]),
      }),
    ).rejects.toThrow('08001');
    expect(notices).toEqual([
      [2, 1000],
      [3, 2000],
    ]);
  });

  it('stops retrying once the signal is aborted', async () => {
    const controller = new AbortController();
    const operation = jest.fn((): Promise<never> => Promise.reject(pgError('08006')));
    const sleep = (): Promise<void> => {
      controller.abort();
      return Promise.resolve();
    };
    await expect(
      withTransientRetry(operation, { sleep, signal: controller.signal }),
    ).rejects.toThrow();
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('waits on a real timer by default', async () => {
    jest.useFakeTimers();
    try {
      let calls = 0;
      const result = withTransientRetry(() =>
        ++calls === 1 ? Promise.reject(pgError('08006')) : Promise.resolve(calls),
      );
      await jest.advanceTimersByTimeAsync(999);
      expect(calls).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      await expect(result).resolves.toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  describe('while the database is known to be unreachable', () => {
    const refused = (): Error =>
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

    it('throws the original transient error at once, without waiting', async () => {
      const { waits, sleep } = recordingSleep();
      const error = refused();
      const operation = jest.fn((): Promise<never> => Promise.reject(error));
      await expect(
        withTransientRetry(operation, { sleep, knownUnreachable: () => true }),
      ).rejects.toBe(error);
      expect(operation).toHaveBeenCalledTimes(1);
      expect(waits).toEqual([]);
    });

    it('still retries a blip while the database is reachable', async () => {
      const { waits, sleep } = recordingSleep();
      const result = withTransientRetry(
        (attempt) => (attempt < 3 ? Promise.reject(refused()) : Promise.resolve('ok')),
        { sleep, knownUnreachable: () => false },
      );
      await expect(result).resolves.toBe('ok');
      expect(waits).toEqual([1000, 2000]);
    });

    it('gives up after a wait during which the outage was seen', async () => {
      let down = false;
      const error = refused();
      const operation = jest.fn((): Promise<never> => Promise.reject(error));
      const sleep = (): Promise<void> => {
        down = true; // the watcher's next probe failed while this call waited
        return Promise.resolve();
      };
      await expect(
        withTransientRetry(operation, { sleep, knownUnreachable: () => down }),
      ).rejects.toBe(error);
      expect(operation).toHaveBeenCalledTimes(1);
    });

    it('follows the wired watcher by default, and retries again once it is unwired', async () => {
      const watcher = { state: 'unreachable' as const };
      const release = failFastWhileUnreachable(watcher);
      try {
        const { waits, sleep } = recordingSleep();
        const operation = jest.fn((): Promise<never> => Promise.reject(refused()));
        await expect(withTransientRetry(operation, { sleep })).rejects.toThrow('ECONNREFUSED');
        expect(operation).toHaveBeenCalledTimes(1);
        expect(waits).toEqual([]);
      } finally {
        release();
      }
      const { waits, sleep } = recordingSleep();
      await expect(withTransientRetry(() => Promise.reject(refused()), { sleep })).rejects.toThrow(
        'ECONNREFUSED',
      );
      expect(waits).toEqual([1000, 2000]);
    });

    it('abandons an attempt in flight as soon as the wired watcher sees the outage (a black hole)', async () => {
      type State = 'reachable' | 'unreachable';
      const listeners = new Set<(state: State) => void>();
      const watcher = {
        state: 'reachable' as State,
        subscribe: (listener: (state: State) => void) => {
          listeners.add(listener);
          return () => void listeners.delete(listener);
        },
      };
      const release = failFastWhileUnreachable(watcher);
      try {
        let started = 0;
        // A statement whose answer never comes, as behind a network black hole.
        const hung = withTransientRetry(() => {
          started += 1;
          return new Promise<never>(() => undefined);
        });
        expect(started).toBe(1);
        watcher.state = 'unreachable';
        for (const listener of listeners) listener('unreachable');
        await expect(hung).rejects.toMatchObject({ code: 'DB_UNREACHABLE' });
        expect(started).toBe(1);
      } finally {
        release();
      }
      expect(listeners.size).toBe(0);
    });
  });
});
