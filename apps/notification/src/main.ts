// Composition root of the notification service. Telemetry first: it must patch grpc-js, pg, knex and kafkajs.
import { config, telemetry } from './telemetry';
import { openServiceDatabase } from '@gaara/db';
import { defaultBreakerRegistry } from '@gaara/resilience';
import { runService } from '@gaara/service';
import { notificationMigrations } from './data/notification-migrations';
import { startNotificationService } from './notification-service';

const logger = telemetry.logger;

void runService(telemetry, { name: 'notification' }, async (parts) => {
  const db = await openServiceDatabase(config, notificationMigrations, logger);
  parts.onStop('database', () => db.destroy());
  await parts.start(
    'notification service',
    startNotificationService({
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
    }),
  );
});
