// Composition root of the payment service. Telemetry first: it must patch grpc-js, pg, knex and kafkajs before they load.
import { config, telemetry } from './telemetry';
import { openServiceDatabase } from '@gaara/db';
import { messagingClientFromConfig } from '@gaara/messaging';
import { runService } from '@gaara/service';
import { paymentMigrations } from './data/payment-migrations';
import { startPaymentService } from './payment-service';
import { HttpPaymentProvider } from './provider/http-payment-provider';

const logger = telemetry.logger;

// Whatever hangs, the stop is bounded: unfinished payments are re-queued by the lease sweeper.
void runService(telemetry, { name: 'payment' }, async (parts) => {
  const db = await openServiceDatabase(config, paymentMigrations, logger);
  parts.onStop('database', () => db.destroy());
  const messaging = messagingClientFromConfig(config, config.GAARA_SERVICE_NAME, logger);
  const provider = new HttpPaymentProvider({
    baseUrl: config.GAARA_PAYMENT_PROVIDER_URL,
    apiKey: config.GAARA_PAYMENT_PROVIDER_KEY,
  });
  await parts.start(
    'payment service',
    startPaymentService({
      db,
      messaging,
      provider,
      topicPrefix: config.GAARA_KAFKA_TOPIC_PREFIX,
      retryDelays: config.GAARA_PAYMENT_RETRY_DELAYS,
      leaseMs: config.GAARA_PAYMENT_LEASE_MS,
      breakerOpenMs: config.GAARA_BREAKER_OPEN_MS,
      inlineBudgetMs: config.GAARA_PAYMENT_INLINE_BUDGET_MS,
      sweepIntervalMs: config.GAARA_PAYMENT_SWEEP_INTERVAL,
      host: config.GAARA_GRPC_HOST,
      port: config.GAARA_GRPC_PORT,
      logger,
      meter: telemetry.getMeter('@gaara/payment'),
      healthIntervalMs: config.GAARA_DB_HEALTH_INTERVAL_MS,
    }),
  );
});
