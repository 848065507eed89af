import { knex, type Knex } from 'knex';
import { DatabaseError } from './database-error';
import { SCHEMA_NAME } from './database-options';

/** One migration, identified by a name that sorts in the order migrations must run (e.g. `0001_products`). */
export interface NamedMigration {
  readonly name: string;
  up(db: Knex): Promise<void>;
  down?(db: Knex): Promise<void>;
}

/** Options of {@link runMigrations}. */
export interface MigrationOptions {
  /** Schema the migrations create their tables in; also holds the `knex_migrations` bookkeeping tables. */
  readonly schema: string;
  /** Every migration of the service, in order. */
  readonly migrations: readonly NamedMigration[];
}

/** What {@link runMigrations} did. */
export interface MigrationResult {
  /** Names of the migrations applied by this call; empty when the schema was up to date. */
  readonly applied: readonly string[];
}

// First key of the two-int advisory lock: a namespace so our lock never meets another advisory lock user.
const MIGRATION_LOCK_NAMESPACE = 0x6761_6172; // "gaar"

/**
 * Creates `schema` if needed and applies the pending migrations, serialised across processes by a
 * transaction-level `pg_advisory_xact_lock` per schema: a second instance waits, then finds nothing to do.
 * knex's own lock table alone is not enough: a concurrent runner fails with "Migration table is already
 * locked" (or on creating the bookkeeping table) instead of waiting. Runs on two connections of its own,
 * configured like `db`'s but without its statement and query timeouts: a migration (or the wait for another
 * instance's) may outlast any limit set for ordinary queries.
 */
export async function runMigrations(db: Knex, options: MigrationOptions): Promise<MigrationResult> {
  const { schema } = options;
  if (!SCHEMA_NAME.test(schema)) {
    throw new DatabaseError('DB_INVALID_OPTIONS', `invalid schema name "${schema}"`);
  }
  const migrator = withoutTimeouts(db);
  try {
    return await migrateUnderLock(migrator, schema, options.migrations);
  } finally {
    await migrator.destroy();
  }
}

/** A knex with `db`'s configuration and a pool of 2 whose connections have no statement or query timeout. */
function withoutTimeouts(db: Knex): Knex {
  const config = db.client.config as Knex.Config;
  const connection: unknown = config.connection;
  const settings =
    typeof connection === 'string' ? { connectionString: connection } : (connection as object);
  return knex({
    ...config,
    connection: {
      ...settings,
      statement_timeout: 0,
      query_timeout: 0,
    } as Knex.StaticConnectionConfig,
    pool: { min: 0, max: 2 },
  });
}

function migrateUnderLock(
  db: Knex,
  schema: string,
  migrations: readonly NamedMigration[],
): Promise<MigrationResult> {
  return db.transaction(async (lock) => {
    await lock.raw('SELECT pg_advisory_xact_lock(?, hashtext(?))', [
      MIGRATION_LOCK_NAMESPACE,
      schema,
    ]);
    // Outside the lock's transaction so the migrator's own connections see the schema.
    await db.raw('CREATE SCHEMA IF NOT EXISTS ??', [schema]);
    const [, applied] = (await db.migrate.latest({
      schemaName: schema,
      tableName: 'knex_migrations',
      migrationSource: new ListMigrationSource(migrations),
    })) as [number, string[]];
    return { applied };
  });
}

/** Serves migrations from a list in code, so they work the same from sources (tests) and from dist. */
class ListMigrationSource implements Knex.MigrationSource<NamedMigration> {
  constructor(private readonly migrations: readonly NamedMigration[]) {
    const names = migrations.map((m) => m.name);
    const sorted = [...names].sort();
    if (new Set(names).size !== names.length || names.some((name, i) => name !== sorted[i])) {
      throw new DatabaseError(
        'DB_INVALID_OPTIONS',
        `migration names must be unique and listed in sorted order: ${names.join(', ')}`,
      );
    }
  }

  getMigrations(): Promise<NamedMigration[]> {
    return Promise.resolve([...this.migrations]);
  }

  getMigrationName(migration: NamedMigration): string {
    return migration.name;
  }

  getMigration(migration: NamedMigration): Promise<Knex.Migration> {
    return Promise.resolve({
      up: (knex: Knex) => migration.up(knex),
      // knex insists on a down; ours are forward-only unless they say otherwise.
      down: (knex: Knex) =>
        migration.down === undefined
          ? Promise.reject(new Error(`migration ${migration.name} cannot be reverted`))
          : migration.down(knex),
    });
  }
}
