// Composition root of the catalog service. Telemetry first: it must patch grpc-js, pg and knex before they load.
import { config, telemetry } from './telemetry';
import { openServiceDatabase } from '@gaara/db';
import { runService } from '@gaara/service';
import { startCatalogServer } from './catalog-server';
import { catalogMigrations } from './data/catalog-migrations';
import { seedCatalog } from './data/seed-products';

const logger = telemetry.logger;

void runService(telemetry, { name: 'catalog' }, async (parts) => {
  const db = await openServiceDatabase(config, catalogMigrations, logger);
  parts.onStop('database', () => db.destroy());
  await seedCatalog(db, logger);
  await parts.start(
    'gRPC server',
    startCatalogServer({
      db,
      host: config.GAARA_GRPC_HOST,
      port: config.GAARA_GRPC_PORT,
      logger,
      healthIntervalMs: config.GAARA_DB_HEALTH_INTERVAL_MS,
    }),
  );
});
