import { config, telemetry } from './telemetry';
import { defaultBreakerRegistry } from '@gaara/resilience';
import { buildGateway } from './build-gateway';
import { stopOnSignals } from './graceful-shutdown';
import { wireGateway } from './gateway-parts';

const logger = telemetry.logger;

async function main(): Promise<void> {
  const gateway = wireGateway({
    catalogAddress: config.GAARA_CATALOG_ADDR,
    invoiceAddress: config.GAARA_INVOICE_ADDR,
    aggregatorAddress: config.GAARA_AGGREGATOR_ADDR,
    paymentAddress: config.GAARA_PAYMENT_ADDR,
    kafka: {
      brokers: config.GAARA_KAFKA_BROKERS,
      topicPrefix: config.GAARA_KAFKA_TOPIC_PREFIX,
      retryDelays: {
        payments: config.GAARA_PAYMENT_RETRY_DELAYS,
        notifications: config.GAARA_NOTIFICATION_RETRY_DELAYS,
      },
    },
    adminToken: config.GAARA_ADMIN_TOKEN,
    externalApi: { url: config.GAARA_EXTERNAL_API_URL, token: config.GAARA_EXTERNAL_API_TOKEN },
    servicePolicy: {
      timeoutMs: config.GAARA_CALL_TIMEOUT_MS,
      breaker: { openMs: config.GAARA_BREAKER_OPEN_MS },
    },
    paymentCallTimeoutMs: config.GAARA_PAYMENT_CALL_TIMEOUT_MS,
    externalPolicy: {
      timeoutMs: config.GAARA_EXTERNAL_API_TIMEOUT_MS,
      breaker: { openMs: config.GAARA_BREAKER_OPEN_MS },
    },
    dashboard: {
      freshMs: config.GAARA_DASHBOARD_FRESH_MS,
      staleMs: config.GAARA_DASHBOARD_STALE_MS,
    },
    productCache: { maxEntries: 10_000, ttlMs: 3_600_000 },
    bodyLimitBytes: config.GAARA_BODY_LIMIT_BYTES,
    registry: defaultBreakerRegistry,
    logger,
    metrics: telemetry.metricsRequestHandler,
  });
  const app = buildGateway(gateway.parts);
  await app.listen({ host: config.GAARA_HTTP_HOST, port: config.GAARA_HTTP_PORT });
  logger.info({ host: config.GAARA_HTTP_HOST, port: config.GAARA_HTTP_PORT }, 'gateway listening');
  void gateway.parts.dashboard.refresh(); // warm the copy so the first visitor does not wait

  stopOnSignals(
    {
      drain: () => app.close(),
      cancelInFlight: () => gateway.close(),
      disconnect: () => gateway.disconnect(),
      flush: () => telemetry.shutdown(),
    },
    logger,
  );
}

main().catch(async (error: unknown) => {
  logger.fatal({ err: error }, 'gateway failed to start');
  await telemetry.shutdown();
  process.exit(1);
});
