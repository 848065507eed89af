import { recordSent } from './record-sent';

describe('recordSent', () => {
  const transient = (): Error =>
    Object.assign(new Error('connection lost'), { code: 'ECONNRESET' });

  it('retries transient errors with growing waits until the write lands', async () => {
    const waits: number[] = [];
    let failures = 3;
    const written = await recordSent(
      async () => {
        if (failures-- > 0) throw transient();
        return true;
      },
      { deadline: () => 10_000, now: () => 0, sleep: async (ms) => void waits.push(ms) },
    );
    expect(written).toBe(true);
    expect(waits).toEqual([250, 500, 500]);
  });

  it('throws a non-transient error at once, and a transient one once the deadline passed', async () => {
    const sleep = jest.fn(async () => undefined);
    const constraint = Object.assign(new Error('check violation'), { code: '23514' });
    await expect(
      recordSent(() => Promise.reject(constraint), { deadline: () => 10_000, now: () => 0, sleep }),
    ).rejects.toBe(constraint);
    const late = transient();
    await expect(
      recordSent(() => Promise.reject(late), { deadline: () => 10_000, now: () => 10_000, sleep }),
    ).rejects.toBe(late);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('waits no longer than the time left before the deadline', async () => {
    const waits: number[] = [];
    let clock = 0;
    let failures = 1;
    await recordSent(
      async () => {
        if (failures-- > 0) throw transient();
        return false;
      },
      {
        deadline: () => 100,
        now: () => clock,
        sleep: async (ms) => {
          waits.push(ms);
          clock += ms;
        },
      },
    );
    expect(waits).toEqual([100]);
  });
});
