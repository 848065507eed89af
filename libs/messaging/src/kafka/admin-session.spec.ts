import { whileRetriable } from './admin-session';

describe('whileRetriable', () => {
  it('tries again while kafkajs says the error is retriable (a coordinator still loading), then answers', async () => {
    let calls = 0;
    const loading = Object.assign(new Error('The coordinator is loading'), { retriable: true });
    const answer = await whileRetriable(async () => {
      calls += 1;
      if (calls < 3) throw loading;
      return 'offsets';
    });
    expect(answer).toBe('offsets');
    expect(calls).toBe(3);
  });

  it('throws a non-retriable error at once', async () => {
    let calls = 0;
    const denied = Object.assign(new Error('Group authorization failed'), { retriable: false });
    await expect(
      whileRetriable(async () => {
        calls += 1;
        throw denied;
      }),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
  });
});
