// Composition root of the catalog service. Telemetry first: it must patch grpc-js, pg and knex before they load.
import { config, telemetry } from './telemetry';
import { stopOnSignals } from '@gaara/telemetry';
import { openServiceDatabase, withTransientRetry } from '@gaara/db';
import { startCatalogServer } from './catalog-server';
import { catalogMigrations } from './data/catalog-migrations';
import { seedProductsIfEmpty } from './data/seed-products';

const logger = telemetry.logger;

async function main(): Promise<void> {
  const db = await openServiceDatabase(config, catalogMigrations, logger);
  const seeded = await withTransientRetry(() => seedProductsIfEmpty(db), {
    onRetry: (notice) =>
      logger.warn({ err: notice.error, delayMs: notice.delayMs }, 'database not ready, retrying'),
  });
  logger.info({ seeded }, 'catalog seeded');

  const server = await startCatalogServer({
    db,
    host: config.GAARA_GRPC_HOST,
    port: config.GAARA_GRPC_PORT,
    logger,
    healthIntervalMs: config.GAARA_DB_HEALTH_INTERVAL_MS,
  });
  logger.info({ port: server.port }, 'catalog serving');

  stopOnSignals([() => server.stop(), () => db.destroy(), () => telemetry.shutdown()], {
    service: 'catalog',
    logger,
  });
}

main().catch(async (error: unknown) => {
  logger.fatal({ err: error }, 'catalog failed to start');
  await telemetry.shutdown();
  process.exit(1);
});
