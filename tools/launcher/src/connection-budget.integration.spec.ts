// The connection budget (needs the local stack's PostgreSQL, started by this project's globalSetup): every
// pool the store may run, at its maximum at once, fits PostgreSQL's max_connections ("too many clients" never).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDatabase, POOL_DEFAULTS, type Knex } from '@gaara/db';
import { stackEndpoints } from '@gaara/stack';
import { replicableServices, storeServices } from './store-services';

const { postgresUrl } = stackEndpoints(process.env);
/** Every service with a database, and one replica of each that may run twice (`startReplica`). */
const pools = [
  ...storeServices.filter((s) => s.database).map((s) => s.name),
  ...replicableServices.map((name) => `${name}-replica`),
];

/** knex's client acquires and releases raw pool connections; its typings say `any`. */
interface PoolClient {
  acquireConnection(): Promise<object>;
  releaseConnection(connection: object): Promise<void>;
}

describe('connection budget', () => {
  const databases: Knex[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((db) => db.destroy()));
  });

  it('holds every pool of the store at its maximum at once', async () => {
    for (const name of pools) {
      databases.push(
        createDatabase({ url: postgresUrl, schema: 'public', applicationName: `budget-${name}` }),
      );
    }
    const settled = await Promise.allSettled(
      databases.map(async (db) => {
        const client = db.client as PoolClient;
        const held = await Promise.all(
          Array.from({ length: POOL_DEFAULTS.max }, () => client.acquireConnection()),
        );
        return held;
      }),
    );
    const errors = settled.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
    expect(errors).toEqual([]);
    // Counted over a connection of its own: every pool above is full.
    const observer = createDatabase({
      url: postgresUrl,
      schema: 'public',
      pool: { min: 0, max: 2 },
    });
    databases.push(observer);
    const { rows } = await observer.raw<{ rows: Array<{ n: string }> }>(
      "select count(*) as n from pg_stat_activity where application_name like 'budget-%'",
    );
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(pools.length * POOL_DEFAULTS.max);
    for (const [i, result] of settled.entries()) {
      // Index i of settled is pool i of databases (the observer was added after them).
      if (result.status === 'fulfilled') {
        const client = databases[i].client as PoolClient;
        await Promise.all(result.value.map((c) => client.releaseConnection(c)));
      }
    }
  }, 60_000);

  it('is documented and sized alike in the local stack and in compose', async () => {
    const db = createDatabase({ url: postgresUrl, schema: 'public', pool: { min: 0, max: 2 } });
    try {
      const { rows } = await db.raw<{ rows: Array<{ max_connections: string }> }>(
        'show max_connections',
      );
      const serverMax = Number(rows[0].max_connections);
      expect(serverMax).toBeGreaterThanOrEqual(pools.length * POOL_DEFAULTS.max + 50);
      const compose = readFileSync(resolve(__dirname, '../../../docker-compose.yml'), 'utf8');
      expect(compose).toContain(`'max_connections=${serverMax}'`);
    } finally {
      await db.destroy();
    }
  });
});
