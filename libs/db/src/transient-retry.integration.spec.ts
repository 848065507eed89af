import type { Knex } from 'knex';
import { watchDatabaseHealth, type DatabaseHealthWatcher } from './database-health';
import { failFastWhileUnreachable } from './database-reachability';
import { isTransientDatabaseError, withTransientRetry } from './transient-retry';
import {
  eventually,
  startProxiedDatabase,
  type DatabaseProxy,
  type ProxiedDatabase,
} from './testing';

/** `SELECT 1` through the retry as a repository runs it, with how long it took (ms) and how it ended. */
async function timedSelect(db: Knex): Promise<{ ms: number; attempts: number; error?: unknown }> {
  const started = performance.now();
  let attempts = 0;
  try {
    await withTransientRetry(() => {
      attempts++;
      return db.raw('SELECT 1');
    });
    return { ms: performance.now() - started, attempts };
  } catch (error: unknown) {
    return { ms: performance.now() - started, attempts, error };
  }
}

describe('withTransientRetry with the database watcher wired (real PostgreSQL behind a proxy)', () => {
  let proxied: ProxiedDatabase;
  let proxy: DatabaseProxy;
  let db: Knex;

  beforeAll(async () => {
    proxied = await startProxiedDatabase();
    ({ proxy, db } = proxied);
  });
  afterAll(() => proxied.close());

  function watch(intervalMs: number): { watcher: DatabaseHealthWatcher; stop(): void } {
    // The fail-fast gate reads the watcher's state; its transitions are not under test here.
    const watcher = watchDatabaseHealth(db, {
      intervalMs,
      timeoutMs: 500,
      onChange: () => undefined,
    });
    const release = failFastWhileUnreachable(watcher);
    return {
      watcher,
      stop: () => {
        release();
        watcher.stop();
      },
    };
  }

  it('fails fast with the transient error while the watcher sees the database down', async () => {
    const { watcher, stop } = watch(50);
    try {
      await eventually(() => watcher.state === 'reachable');
      await proxy.cut();
      await eventually(() => watcher.state === 'unreachable');

      const outage = await timedSelect(db);
      expect(isTransientDatabaseError(outage.error)).toBe(true);
      // The pool hands out no connection while the database is known down.
      expect(outage.error).toMatchObject({ code: 'DB_UNREACHABLE' });
      expect(outage.attempts).toBe(1);
      // Without the watcher this waits 1 s + 2 s between three attempts.
      expect(outage.ms).toBeLessThan(1000);
      // Work answered without a connection (catalog's products from memory) goes on meanwhile.
      await expect(withTransientRetry(() => Promise.resolve('from memory'))).resolves.toBe(
        'from memory',
      );

      await proxy.restore();
      await eventually(() => watcher.state === 'reachable');
      const back = await timedSelect(db);
      expect(back.error).toBeUndefined();
      expect(back.attempts).toBe(1);
    } finally {
      stop();
      await proxy.restore();
    }
  });

  it('abandons a statement caught in a network freeze once the watcher sees it (issue #12)', async () => {
    const { watcher, stop } = watch(50);
    try {
      await eventually(() => watcher.state === 'reachable');
      await timedSelect(db); // a pooled connection exists: the freeze catches the next statement in flight
      proxy.freeze();
      const frozen = await timedSelect(db);
      expect(frozen.error).toMatchObject({ code: 'DB_UNREACHABLE' });
      expect(frozen.attempts).toBe(1);
      // Probe every 50 ms, 500 ms timeout: abandoned well before the client's query timeout.
      expect(frozen.ms).toBeLessThan(2000);
      proxy.thaw();
      await eventually(() => watcher.state === 'reachable');
      expect((await timedSelect(db)).error).toBeUndefined();
    } finally {
      proxy.thaw();
      stop();
    }
  });

  it('keeps retrying a blip the watcher has not seen as an outage', async () => {
    // A probe a minute apart: the cut below is over before the watcher could call it an outage.
    const { watcher, stop } = watch(60_000);
    try {
      await eventually(() => watcher.state === 'reachable');
      await proxy.cut();
      let attempts = 0;
      const answer = await withTransientRetry(
        async () => {
          attempts++;
          const result = await db.raw<{ rows: Array<{ one: number }> }>('SELECT 1 AS one');
          return result.rows[0].one;
        },
        { sleep: () => proxy.restore() },
      );
      expect(answer).toBe(1);
      expect(attempts).toBe(2);
    } finally {
      stop();
      await proxy.restore();
    }
  });
});
