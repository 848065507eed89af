// Composition root of the notification service. Telemetry first: it must patch grpc-js, pg, knex and kafkajs.
import { config, telemetry } from './telemetry';
import { stopOnSignals } from '@gaara/telemetry';
import { openServiceDatabase } from '@gaara/db';
import { defaultBreakerRegistry } from '@gaara/resilience';
import { notificationMigrations } from './data/notification-migrations';
import { startNotificationService } from './notification-service';

const logger = telemetry.logger;

async function main(): Promise<void> {
  const db = await openServiceDatabase(config, notificationMigrations, logger);

  const service = await startNotificationService({
    db,
    host: config.GAARA_GRPC_HOST,
    port: config.GAARA_GRPC_PORT,
    kafkaBrokers: config.GAARA_KAFKA_BROKERS,
    kafkaSessionTimeoutMs: config.GAARA_KAFKA_SESSION_TIMEOUT_MS,
    topicPrefix: config.GAARA_KAFKA_TOPIC_PREFIX,
    retryDelays: config.GAARA_NOTIFICATION_RETRY_DELAYS,
    smtpUrl: config.GAARA_SMTP_URL,
    mailFrom: config.GAARA_MAIL_FROM,
    breakerOpenMs: config.GAARA_BREAKER_OPEN_MS,
    leaseMs: config.GAARA_NOTIFICATION_LEASE_MS,
    breakers: defaultBreakerRegistry,
    logger,
    meter: telemetry.getMeter('@gaara/notification'),
    healthIntervalMs: config.GAARA_DB_HEALTH_INTERVAL_MS,
  });
  logger.info({ port: service.port }, 'notification serving');
  void service.messagingStarted.then((running) => {
    if (running) logger.info({}, 'notification messaging running');
  });

  stopOnSignals([() => service.stop(), () => db.destroy(), () => telemetry.shutdown()], {
    service: 'notification',
    logger,
  });
}

main().catch(async (error: unknown) => {
  logger.fatal({ err: error }, 'notification failed to start');
  await telemetry.shutdown();
  process.exit(1);
});
