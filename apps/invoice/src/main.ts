// Composition root of the invoice service. Telemetry first: it must patch grpc-js, pg and knex before they load.
import { config, telemetry } from './telemetry';
import { openServiceDatabase } from '@gaara/db';
import { messagingClientFromConfig } from '@gaara/messaging';
import { runService } from '@gaara/service';
import { connectCatalog } from './catalog/connect-catalog';
import { invoiceMigrations } from './data/invoice-migrations';
import { startInvoiceMessaging } from './events/invoice-messaging';
import { startInvoiceServer } from './invoice-server';

const logger = telemetry.logger;
const meter = telemetry.getMeter('@gaara/resilience');

void runService(telemetry, { name: 'invoice' }, async (parts) => {
  const db = await openServiceDatabase(config, invoiceMigrations, logger);
  parts.onStop('database', () => db.destroy());
  const catalog = await parts.start(
    'catalog client',
    connectCatalog(config.GAARA_CATALOG_ADDR, { logger, meter }, config.GAARA_BREAKER_OPEN_MS),
  );
  const server = await parts.start(
    'gRPC server',
    startInvoiceServer({
      db,
      catalog: catalog.catalog,
      host: config.GAARA_GRPC_HOST,
      port: config.GAARA_GRPC_PORT,
      logger,
      healthIntervalMs: config.GAARA_DB_HEALTH_INTERVAL_MS,
    }),
  );
  const client = messagingClientFromConfig(config, 'invoice', logger);
  const { invoices } = server;
  const topicPrefix = config.GAARA_KAFKA_TOPIC_PREFIX;
  parts.background('payment events consumer', () =>
    startInvoiceMessaging({ client, invoices, topicPrefix, logger }),
  );
});
