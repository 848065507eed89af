import knex, { type Knex } from 'knex';
import { stackEndpoints } from './endpoints';
import { runId } from './testing/run-id';

/** Migrations defined in the test, so the check needs no files on disk. */
function inMemoryMigrations(schema: string): Knex.MigrationSource<string> {
  const migrations: Record<string, Knex.Migration> = {
    '001_create_widgets': {
      up: (db) =>
        db.schema.withSchema(schema).createTable('widgets', (table) => {
          table.increments('id').primary();
          table.text('name').notNullable().unique();
          table.integer('stock').notNullable().defaultTo(0);
        }),
      down: (db) => db.schema.withSchema(schema).dropTable('widgets'),
    },
    '002_add_price': {
      up: (db) =>
        db.schema
          .withSchema(schema)
          .alterTable('widgets', (table) => table.decimal('price', 10, 2)),
      down: (db) =>
        db.schema.withSchema(schema).alterTable('widgets', (table) => table.dropColumn('price')),
    },
  };
  return {
    getMigrations: async () => Object.keys(migrations).sort(),
    getMigrationName: (name) => name,
    getMigration: async (name) => {
      const migration = migrations[name];
      if (migration === undefined) throw new Error(`unknown migration ${name}`);
      return migration;
    },
  };
}

describe('local PostgreSQL', () => {
  const schema = `stack_selftest_${runId()}`;
  let db: Knex;

  beforeAll(async () => {
    db = knex({
      client: 'pg',
      connection: stackEndpoints().postgresUrl,
      pool: { min: 0, max: 2 },
      acquireConnectionTimeout: 10_000,
    });
    await db.raw('CREATE SCHEMA ??', [schema]);
  });

  afterAll(async () => {
    await db.raw('DROP SCHEMA IF EXISTS ?? CASCADE', [schema]);
    await db.destroy();
  });

  it('connects as the gaara role to the gaara database', async () => {
    const result = await db.raw<{ rows: { user: string; database: string }[] }>(
      'SELECT current_user AS "user", current_database() AS "database"',
    );
    expect(result.rows).toEqual([{ user: 'gaara', database: 'gaara' }]);
  });

  it('has the service schemas owned by gaara', async () => {
    const rows = await db('pg_namespace as n')
      .join('pg_roles as r', 'r.oid', 'n.nspowner')
      .whereIn('n.nspname', ['catalog', 'invoice', 'payment', 'notification'])
      .orderBy('n.nspname')
      .select<{ schema: string; owner: string }[]>('n.nspname as schema', 'r.rolname as owner');
    expect(rows).toEqual([
      { schema: 'catalog', owner: 'gaara' },
      { schema: 'invoice', owner: 'gaara' },
      { schema: 'notification', owner: 'gaara' },
      { schema: 'payment', owner: 'gaara' },
    ]);
  });

  it('runs knex migrations, queries the result and rolls them back', async () => {
    const config: Knex.MigratorConfig = {
      schemaName: schema,
      tableName: 'knex_migrations',
      migrationSource: inMemoryMigrations(schema),
    };

    const [, applied] = (await db.migrate.latest(config)) as [number, string[]];
    expect(applied).toEqual(['001_create_widgets', '002_add_price']);

    await db
      .withSchema(schema)
      .table('widgets')
      .insert([
        { name: 'bolt', stock: 5, price: '0.25' },
        { name: 'nut', stock: 7, price: '0.10' },
      ]);
    const rows = await db
      .withSchema(schema)
      .table('widgets')
      .where('stock', '>', 5)
      .select('name', 'stock', 'price');
    expect(rows).toEqual([{ name: 'nut', stock: 7, price: '0.10' }]);

    // A second run is a no-op: the migration table in the throwaway schema remembers both.
    const [, again] = (await db.migrate.latest(config)) as [number, string[]];
    expect(again).toEqual([]);

    await db.migrate.rollback(config, true);
    expect(await db.schema.withSchema(schema).hasTable('widgets')).toBe(false);
  });
});
