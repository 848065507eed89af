// Composition root of the invoice service. Telemetry first: it must patch grpc-js, pg and knex before they load.
import { config, telemetry } from './telemetry';
import { stopOnSignals } from '@gaara/telemetry';
import { catalogV1 } from '@gaara/contracts';
import { openServiceDatabase } from '@gaara/db';
import { createClient } from '@gaara/grpc';
import { createMessagingClient, startInBackground } from '@gaara/messaging';
import { createPolicy } from '@gaara/resilience';
import { GrpcProductCatalog } from './catalog/grpc-product-catalog';
import { invoiceMigrations } from './data/invoice-migrations';
import { startInvoiceMessaging } from './events/invoice-messaging';
import { startInvoiceServer } from './invoice-server';

const logger = telemetry.logger;

async function main(): Promise<void> {
  const db = await openServiceDatabase(config, invoiceMigrations, logger);

  const catalogClient = createClient(catalogV1.CatalogService, config.GAARA_CATALOG_ADDR);
  const catalogPolicy = createPolicy('catalog', undefined, {
    logger,
    meter: telemetry.getMeter('@gaara/resilience'),
  });
  const server = await startInvoiceServer({
    db,
    catalog: new GrpcProductCatalog(catalogClient, catalogPolicy),
    host: config.GAARA_GRPC_HOST,
    port: config.GAARA_GRPC_PORT,
    logger,
    healthIntervalMs: config.GAARA_DB_HEALTH_INTERVAL_MS,
  });
  logger.info({ port: server.port, catalog: config.GAARA_CATALOG_ADDR }, 'invoice serving');

  // In the background: invoice serves gRPC while Kafka is down and starts consuming once it is back.
  const kafka = createMessagingClient({
    brokers: config.GAARA_KAFKA_BROKERS,
    clientId: 'invoice',
    logger,
    sessionTimeoutMs: config.GAARA_KAFKA_SESSION_TIMEOUT_MS,
  });
  const paymentEvents = startInBackground(
    () =>
      startInvoiceMessaging({
        client: kafka,
        invoices: server.invoices,
        topicPrefix: config.GAARA_KAFKA_TOPIC_PREFIX,
        logger,
      }),
    { what: 'payment events consumer', logger },
  );
  void paymentEvents.started.then((running) => {
    if (running) logger.info({}, 'consuming payment events');
  });

  stopOnSignals(
    [
      () => paymentEvents.stop(),
      () => server.stop(),
      () => catalogClient.close(),
      () => catalogPolicy.dispose(),
      () => db.destroy(),
      () => telemetry.shutdown(),
    ],
    { service: 'invoice', logger },
  );
}

main().catch(async (error: unknown) => {
  logger.fatal({ err: error }, 'invoice failed to start');
  await telemetry.shutdown();
  process.exit(1);
});
