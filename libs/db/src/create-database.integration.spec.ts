import type { Knex } from 'knex';
import { createDatabase } from './create-database';
import { runMigrations } from './migrations';
import {
  dropSchema,
  eventually,
  startDatabaseProxy,
  testDatabaseUrl,
  uniqueSchemaName,
} from './testing';

const url = testDatabaseUrl();

async function backendPid(db: Knex): Promise<number> {
  const result = await db.raw<{ rows: Array<{ pid: number }> }>('SELECT pg_backend_pid() AS pid');
  return result.rows[0].pid;
}

describe('createDatabase (real PostgreSQL)', () => {
  const schema = uniqueSchemaName('db');
  const admin = createDatabase({ url, schema, pool: { min: 0, max: 2 } });
  const opened: Knex[] = [];
  const open = (pool: Parameters<typeof createDatabase>[0]['pool']): Knex => {
    const db = createDatabase({ url, schema, pool });
    opened.push(db);
    return db;
  };

  beforeAll(() => runMigrations(admin, { schema, migrations: [] }));
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.destroy()));
    await dropSchema(admin, schema);
    await admin.destroy();
  });

  it('puts the service schema first on the search_path', async () => {
    const db = open({ min: 0, max: 2 });
    await db.raw('CREATE TABLE IF NOT EXISTS probe_table (id int)');
    const result = await db.raw<{ rows: Array<{ schema: string }> }>(
      "SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'probe_table'",
    );
    expect(result.rows.map((row) => row.schema)).toContain(schema);
  });

  it('opens at most 30 connections by default, however many queries wait', async () => {
    const db = open(undefined);
    // knex builders are lazy: then() sends them.
    const sleepers = Array.from({ length: 40 }, () =>
      db.raw('SELECT pg_sleep(1)').then(() => undefined),
    );
    const pool = db.client.pool as { numUsed(): number; numPendingAcquires(): number };
    const deadline = Date.now() + 900;
    while (pool.numUsed() < 30 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(pool.numUsed()).toBe(30);
    expect(pool.numPendingAcquires()).toBe(10);
    await Promise.all(sleepers);
  });

  it('recycles a connection once it is older than maxLifetimeMs', async () => {
    const db = open({ min: 0, max: 2, maxLifetimeMs: 1000 });
    const first = await backendPid(db);
    expect(await backendPid(db)).toBe(first);
    // Used again and again until its lifetime ends; then a new backend answers.
    await eventually(async () => (await backendPid(db)) !== first);
  });

  it('pings an idle connection before use and replaces it when the path went silent', async () => {
    const proxy = await startDatabaseProxy();
    try {
      const viaProxy = createDatabase({
        url: proxy.url,
        schema,
        pool: { min: 0, max: 2, pingIdleAfterMs: 50, pingTimeoutMs: 200 },
      });
      opened.push(viaProxy);
      const first = await backendPid(viaProxy);
      // A half-open socket: no error, no close; only a ping can tell.
      proxy.freezeOpenConnections();
      // Idle past pingIdleAfterMs (the condition under test, not a wait for an event): the next use pings.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      const second = await backendPid(viaProxy);
      expect(second).not.toBe(first);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await proxy.close();
    }
  });

  it('limits every statement on the server, 60 s by default', async () => {
    const db = open({ min: 0, max: 2 });
    const shown = await db.raw<{ rows: Array<{ statement_timeout: string }> }>(
      'SHOW statement_timeout',
    );
    expect(shown.rows[0].statement_timeout).toBe('1min');
    const short = createDatabase({
      url,
      schema,
      pool: { min: 0, max: 2 },
      statementTimeoutMs: 100,
    });
    opened.push(short);
    await expect(short.raw('SELECT pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });
  });

  it('gives up on a query the server cannot be heard answering and never reuses its connection', async () => {
    const proxy = await startDatabaseProxy();
    try {
      const viaProxy = createDatabase({
        url: proxy.url,
        schema,
        pool: { min: 0, max: 2, pingIdleAfterMs: 60_000 },
        queryTimeoutMs: 200,
      });
      opened.push(viaProxy);
      const first = await backendPid(viaProxy);
      proxy.freeze();
      await expect(viaProxy.raw('SELECT 1')).rejects.toThrow('Query read timeout');
      proxy.thaw();
      expect(await backendPid(viaProxy)).not.toBe(first);
    } finally {
      await proxy.close();
    }
  });
});
