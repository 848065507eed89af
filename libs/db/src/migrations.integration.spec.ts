import type { Knex } from 'knex';
import { createDatabase } from './create-database';
import { runMigrations, type NamedMigration } from './migrations';
import { dropSchema, testDatabaseUrl, uniqueSchemaName } from './testing';

/** A slow migration that records every run, so a double run would show. */
function migrationsFor(schema: string): NamedMigration[] {
  return [
    {
      name: '0001_runs',
      up: async (db: Knex) => {
        await db.schema.withSchema(schema).createTable('runs', (table) => {
          table.increments('id');
          table.text('by');
        });
        await db.raw('SELECT pg_sleep(0.3)');
      },
    },
    {
      name: '0002_seed_run',
      up: async (db: Knex) => {
        await db.withSchema(schema).table('runs').insert({ by: '0002' });
      },
    },
  ];
}

describe('runMigrations (real PostgreSQL)', () => {
  const url = testDatabaseUrl();
  const databases: Knex[] = [];
  const open = (schema: string): Knex => {
    const db = createDatabase({ url, schema, pool: { min: 0, max: 4 } });
    databases.push(db);
    return db;
  };
  afterAll(() => Promise.all(databases.map((db) => db.destroy())));

  it('lets two instances start at once: one migrates, the other waits and finds nothing to do', async () => {
    const schema = uniqueSchemaName('mig');
    const first = open(schema);
    const second = open(schema);
    try {
      const results = await Promise.all([
        runMigrations(first, { schema, migrations: migrationsFor(schema) }),
        runMigrations(second, { schema, migrations: migrationsFor(schema) }),
      ]);
      const applied = results.map((result) => result.applied);
      expect(applied).toContainEqual(['0001_runs', '0002_seed_run']);
      expect(applied).toContainEqual([]);
      expect(await first.withSchema(schema).table('runs').count({ n: '*' })).toEqual([{ n: '1' }]);
      const bookkeeping = await first.raw<{ rows: Array<{ table_name: string }> }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1',
        [schema],
      );
      expect(bookkeeping.rows.map((row) => row.table_name)).toEqual([
        'knex_migrations',
        'knex_migrations_lock',
        'runs',
      ]);
    } finally {
      await dropSchema(first, schema);
    }
  });

  it('applies only the new migrations on a later start', async () => {
    const schema = uniqueSchemaName('mig');
    const db = open(schema);
    try {
      const [one, two] = migrationsFor(schema);
      await expect(runMigrations(db, { schema, migrations: [one!] })).resolves.toEqual({
        applied: ['0001_runs'],
      });
      await expect(runMigrations(db, { schema, migrations: [one!, two!] })).resolves.toEqual({
        applied: ['0002_seed_run'],
      });
    } finally {
      await dropSchema(db, schema);
    }
  });

  it('refuses migrations listed out of order', async () => {
    const schema = uniqueSchemaName('mig');
    const [one, two] = migrationsFor(schema);
    await expect(runMigrations(open(schema), { schema, migrations: [two!, one!] })).rejects.toThrow(
      /sorted order/,
    );
  });
});
