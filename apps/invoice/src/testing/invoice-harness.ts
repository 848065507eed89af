import { catalogV1 } from '@gaara/contracts';
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import { uniqueSchemaName } from '@gaara/db/testing';
import { createClient } from '@gaara/grpc';
import { createPolicy, type Policy } from '@gaara/resilience';
import { GrpcProductCatalog } from '../catalog/grpc-product-catalog';
import { invoiceMigrations } from '../data/invoice-migrations';
import { startInvoiceServer, type InvoiceServer } from '../invoice-server';

/** An invoice service a test started; `stop()` leaves the schema for the test to drop. */
export interface TestInvoice {
  readonly db: Knex;
  readonly server: InvoiceServer;
  readonly schema: string;
  stop(): Promise<void>;
}

/**
 * An invoice service in-process on its own schema of `url`, wired to `catalogAddress` through the 'catalog'
 * policy; `healthIntervalMs` (milliseconds) defaults to the server's own.
 */
export async function startInvoice(
  url: string,
  catalogAddress: string,
  healthIntervalMs?: number,
): Promise<TestInvoice> {
  const schema = uniqueSchemaName('invoice');
  const db = createDatabase({ url, schema, pool: { min: 0, max: 5 }, connectTimeoutMs: 1000 });
  await runMigrations(db, { schema, migrations: invoiceMigrations });
  const catalogClient = createClient(catalogV1.CatalogService, catalogAddress);
  // Out of the process-wide registry: several test services may hold a 'catalog' policy at once.
  const policy: Policy = createPolicy(
    'catalog',
    { retry: { initialDelayMs: 10 } },
    { registry: false },
  );
  const server = await startInvoiceServer({
    db,
    catalog: new GrpcProductCatalog(catalogClient, policy),
    port: 0,
    healthIntervalMs,
  });
  return {
    db,
    server,
    schema,
    stop: async () => {
      await server.stop();
      catalogClient.close();
      policy.dispose();
    },
  };
}
