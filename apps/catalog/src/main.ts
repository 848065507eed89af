// Composition root of the catalog service. Telemetry first: it must patch grpc-js, pg and knex before they load.
import { config, telemetry } from './telemetry';
import { openServiceDatabase } from '@gaara/db';
import { messagingClientFromConfig } from '@gaara/messaging';
import { runService } from '@gaara/service';
import { startCatalogServer } from './catalog-server';
import { catalogMigrations } from './data/catalog-migrations';
import { startReservationExpiry } from './data/reservation-expiry';
import { seedCatalog } from './data/seed-products';
import { startCatalogMessaging } from './events/catalog-messaging';

const logger = telemetry.logger;

void runService(telemetry, { name: 'catalog' }, async (parts) => {
  const db = await openServiceDatabase(config, catalogMigrations, logger);
  parts.onStop('database', () => db.destroy());
  await seedCatalog(db, logger);
  const { stock } = await parts.start(
    'gRPC server',
    startCatalogServer({
      db,
      host: config.GAARA_GRPC_HOST,
      port: config.GAARA_GRPC_PORT,
      logger,
      healthIntervalMs: config.GAARA_DB_HEALTH_INTERVAL_MS,
      reservationHoldMs: config.GAARA_RESERVATION_HOLD_MS,
      productCacheMs: config.GAARA_PRODUCT_CACHE_MS,
    }),
  );
  const expiryIntervalMs = config.GAARA_RESERVATION_SWEEP_MS;
  await parts.start('reservation expiry', startReservationExpiry(stock, expiryIntervalMs, logger));
  const client = messagingClientFromConfig(config, 'catalog', logger);
  const topicPrefix = config.GAARA_KAFKA_TOPIC_PREFIX;
  parts.background('payment events consumer', () =>
    startCatalogMessaging({ client, stock, topicPrefix, logger }),
  );
});
