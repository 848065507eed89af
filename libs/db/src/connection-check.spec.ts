import { ConnectionCheck, type PingableConnection } from './connection-check';

class FakeConnection implements PingableConnection {
  pings = 0;
  constructor(private readonly answer: 'ok' | 'error' | 'hang') {}
  query(): Promise<unknown> {
    this.pings++;
    if (this.answer === 'ok') return Promise.resolve({ rows: [] });
    if (this.answer === 'error') return Promise.reject(new Error('Connection terminated'));
    return new Promise(() => undefined);
  }
}

describe('ConnectionCheck (pre-ping of idle connections)', () => {
  let now = 0;
  const check = (): ConnectionCheck =>
    new ConnectionCheck({ pingIdleAfterMs: 5000, pingTimeoutMs: 50, now: () => now });

  beforeEach(() => (now = 0));

  it('hands out a fresh connection without a ping', async () => {
    const connection = new FakeConnection('error');
    await expect(check().isUsable(connection)).resolves.toBe(true);
    expect(connection.pings).toBe(0);
  });

  it('does not ping a connection released less than pingIdleAfterMs ago', async () => {
    const subject = check();
    const connection = new FakeConnection('error');
    subject.markReleased(connection);
    now = 4999;
    await expect(subject.isUsable(connection)).resolves.toBe(true);
    expect(connection.pings).toBe(0);
  });

  it('pings a connection idle for pingIdleAfterMs and keeps it when it answers', async () => {
    const subject = check();
    const connection = new FakeConnection('ok');
    subject.markReleased(connection);
    now = 5000;
    await expect(subject.isUsable(connection)).resolves.toBe(true);
    expect(connection.pings).toBe(1);
  });

  it('discards an idle connection whose ping fails', async () => {
    const subject = check();
    const connection = new FakeConnection('error');
    subject.markReleased(connection);
    now = 60_000;
    await expect(subject.isUsable(connection)).resolves.toBe(false);
  });

  it('discards an idle connection whose ping does not answer within pingTimeoutMs', async () => {
    const subject = check();
    const connection = new FakeConnection('hang');
    subject.markReleased(connection);
    now = 60_000;
    await expect(subject.isUsable(connection)).resolves.toBe(false);
  });
});
