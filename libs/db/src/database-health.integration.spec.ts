import type { Knex } from 'knex';
import { createDatabase } from './create-database';
import { watchDatabaseHealth, type DatabaseReachability } from './database-health';
import { isTransientDatabaseError, withTransientRetry } from './transient-retry';
import {
  eventually,
  startDatabaseProxy,
  startProxiedDatabase,
  testDatabaseUrl,
  type DatabaseProxy,
  type ProxiedDatabase,
} from './testing';

describe('watchDatabaseHealth (real PostgreSQL behind a proxy)', () => {
  let proxied: ProxiedDatabase;
  let proxy: DatabaseProxy;
  let db: Knex;

  beforeAll(async () => {
    proxied = await startProxiedDatabase();
    ({ proxy, db } = proxied);
  });
  afterAll(() => proxied.close());

  it('reports reachable, unreachable while the connection is cut, and reachable again', async () => {
    const seen: DatabaseReachability[] = [];
    const watcher = watchDatabaseHealth(db, {
      intervalMs: 50,
      timeoutMs: 500,
      onChange: (state) => seen.push(state),
    });
    try {
      await eventually(() => watcher.state === 'reachable');
      await proxy.cut();
      await eventually(() => watcher.state === 'unreachable');

      // While cut, queries fail with an error the retry policy treats as transient.
      const failure = await db.raw('SELECT 1').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isTransientDatabaseError(failure)).toBe(true);

      await proxy.restore();
      await eventually(() => watcher.state === 'reachable');
      expect(seen).toEqual(['reachable', 'unreachable', 'reachable']);
    } finally {
      watcher.stop();
    }
  });

  it('reports a database whose pool is busy with work as reachable (the probe does not queue for the pool)', async () => {
    // Every connection of the pool (max 4) held by an open transaction.
    const held = await Promise.all([1, 2, 3, 4].map(() => db.transaction()));
    const watcher = watchDatabaseHealth(db, {
      intervalMs: 60_000,
      timeoutMs: 300,
      onChange: () => undefined,
    });
    try {
      await eventually(() => watcher.state !== 'unknown');
      expect(watcher.state).toBe('reachable');
      expect(await watcher.probe()).toBe('reachable');
    } finally {
      watcher.stop();
      await Promise.all(held.map((trx) => trx.rollback()));
    }
  });

  it('lets a query that started during an outage succeed on a retry once it ends', async () => {
    await proxy.cut();
    let attempts = 0;
    const result = withTransientRetry(
      async () => {
        attempts++;
        const answer = await db.raw<{ rows: Array<{ one: number }> }>('SELECT 1 AS one');
        return answer.rows[0].one;
      },
      { sleep: async () => proxy.restore() },
    );
    await expect(result).resolves.toBe(1);
    expect(attempts).toBe(2);
  });
});

describe('watchDatabaseHealth under a network freeze', () => {
  const applicationName = `health_freeze_${process.pid}`;
  let proxy: DatabaseProxy;
  let db: Knex;
  let direct: Knex;

  beforeAll(async () => {
    proxy = await startDatabaseProxy();
    db = createDatabase({
      url: proxy.url,
      schema: 'public',
      pool: { min: 0, max: 3, pingIdleAfterMs: 60_000 },
      connectTimeoutMs: 300,
      applicationName,
    });
    direct = createDatabase({ url: testDatabaseUrl(), schema: 'public', pool: { min: 0, max: 2 } });
  });
  afterAll(async () => {
    await db.destroy();
    await direct.destroy();
    await proxy.close();
  });

  it('leaves no hung probe holding a connection: the pool keeps free connections', async () => {
    const pool = db.client.pool as { numUsed(): number };
    // Three connections open and idle in the pool before the freeze.
    await Promise.all([1, 2, 3].map(() => db.raw('SELECT pg_sleep(0.05)')));
    const watcher = watchDatabaseHealth(db, {
      intervalMs: 60_000,
      timeoutMs: 200,
      onChange: () => undefined,
    });
    try {
      await eventually(() => watcher.state === 'reachable');
      proxy.freeze();
      // More probes than the pool has connections, one after the other.
      for (let i = 0; i < 6; i++) expect(await watcher.probe()).toBe('unreachable');
      expect(pool.numUsed()).toBe(0);

      proxy.thaw();
      await eventually(async () => (await watcher.probe()) === 'reachable');
      expect(pool.numUsed()).toBe(0);
      const active = await direct.raw<{ rows: Array<{ query: string }> }>(
        "SELECT query FROM pg_stat_activity WHERE application_name = ? AND state <> 'idle'",
        [applicationName],
      );
      expect(active.rows).toEqual([]);
    } finally {
      watcher.stop();
    }
  });
});
