import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import { dropSchema, testDatabaseUrl, uniqueSchemaName } from '@gaara/db/testing';
import { startCatalogServer, type CatalogServer } from '../catalog-server';
import { catalogMigrations } from '../data/catalog-migrations';
import { seedProductsIfEmpty } from '../data/seed-products';

/** A real catalog for other services' tests: own schema, seeded, serving on an ephemeral port. */
export interface TestCatalog {
  /** `127.0.0.1:<port>` of its gRPC server. */
  readonly address: string;
  readonly db: Knex;
  readonly server: CatalogServer;
  /** Stops the server and drops the schema. */
  stop(): Promise<void>;
}

/** Starts a seeded catalog in this process against the test PostgreSQL (GAARA_PG_URL or the local stack). */
export async function startTestCatalog(url = testDatabaseUrl()): Promise<TestCatalog> {
  const schema = uniqueSchemaName('catalog');
  const db = createDatabase({ url, schema, pool: { min: 0, max: 5 } });
  await runMigrations(db, { schema, migrations: catalogMigrations });
  await seedProductsIfEmpty(db);
  // Tests change rows in SQL and through ledgers of their own, which a product cache would show only after its
  // bound: this catalog reads every time (the cache has its own spec and a case in stock-reservations).
  const server = await startCatalogServer({ db, port: 0, productCacheMs: 0 });
  return {
    address: `127.0.0.1:${server.port}`,
    db,
    server,
    stop: async () => {
      await server.stop();
      await dropSchema(db, schema);
      await db.destroy();
    },
  };
}
