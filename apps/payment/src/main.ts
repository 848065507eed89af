// Composition root of the payment service. Telemetry first: it must patch grpc-js, pg, knex and kafkajs before they load.
import { config, telemetry } from './telemetry';
import { stopOnSignals } from '@gaara/telemetry';
import { openServiceDatabase } from '@gaara/db';
import { createMessagingClient } from '@gaara/messaging';
import { paymentMigrations } from './data/payment-migrations';
import { startPaymentService } from './payment-service';
import { HttpPaymentProvider } from './provider/http-payment-provider';

const logger = telemetry.logger;

async function main(): Promise<void> {
  const db = await openServiceDatabase(config, paymentMigrations, logger);

  const service = await startPaymentService({
    db,
    messaging: createMessagingClient({
      brokers: config.GAARA_KAFKA_BROKERS,
      clientId: config.GAARA_SERVICE_NAME,
      logger,
      sessionTimeoutMs: config.GAARA_KAFKA_SESSION_TIMEOUT_MS,
    }),
    provider: new HttpPaymentProvider({
      baseUrl: config.GAARA_PAYMENT_PROVIDER_URL,
      apiKey: config.GAARA_PAYMENT_PROVIDER_KEY,
    }),
    topicPrefix: config.GAARA_KAFKA_TOPIC_PREFIX,
    retryDelays: config.GAARA_PAYMENT_RETRY_DELAYS,
    leaseMs: config.GAARA_PAYMENT_LEASE_MS,
    breakerOpenMs: config.GAARA_BREAKER_OPEN_MS,
    sweepIntervalMs: config.GAARA_PAYMENT_SWEEP_INTERVAL,
    host: config.GAARA_GRPC_HOST,
    port: config.GAARA_GRPC_PORT,
    logger,
    meter: telemetry.getMeter('@gaara/payment'),
    healthIntervalMs: config.GAARA_DB_HEALTH_INTERVAL_MS,
  });
  logger.info(
    { port: service.port, tiers: service.topology.tiers.map((tier) => tier.label) },
    'payment serving',
  );
  void service.messagingStarted.then((running) => {
    if (running) logger.info({}, 'payment messaging running');
  });

  // Whatever hangs, the process ends: unfinished payments are re-queued by the lease sweeper.
  stopOnSignals([() => service.stop(), () => db.destroy(), () => telemetry.shutdown()], {
    service: 'payment',
    logger,
  });
}

main().catch(async (error: unknown) => {
  logger.fatal({ err: error }, 'payment failed to start');
  await telemetry.shutdown();
  process.exit(1);
});
