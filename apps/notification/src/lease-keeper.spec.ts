import { keepLease } from './lease-keeper';

describe('keepLease', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('renews every third of the lease, moves expiresBy on success only, and stops once the claim is lost', async () => {
    const answers: Array<boolean | Error> = [true, new Error('db down'), false];
    const renew = jest.fn(async () => {
      const answer = answers.shift() ?? true;
      if (answer instanceof Error) throw answer;
      return answer;
    });
    const warn = jest.fn();
    const lease = keepLease(renew, 900, { logger: { warn } });
    expect(lease.expiresBy()).toBe(900);
    await jest.advanceTimersByTimeAsync(300);
    expect(lease.expiresBy()).toBe(1200);
    await jest.advanceTimersByTimeAsync(300);
    expect(lease.expiresBy()).toBe(1200);
    expect(warn).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(300);
    await jest.advanceTimersByTimeAsync(3000);
    expect(renew).toHaveBeenCalledTimes(3);
    lease.stop();
  });

  it('renews nothing once stopped', async () => {
    const renew = jest.fn(async () => true);
    keepLease(renew, 900).stop();
    await jest.advanceTimersByTimeAsync(3000);
    expect(renew).not.toHaveBeenCalled();
  });
});
