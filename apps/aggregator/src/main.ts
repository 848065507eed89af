import { config, telemetry } from './telemetry';
import { stopOnSignals } from '@gaara/telemetry';
import { aggregatorV1 } from '@gaara/contracts';
import { startGrpcServer } from '@gaara/grpc';
import { defaultBreakerRegistry } from '@gaara/resilience';
import { buildAggregator } from './build-aggregator';

const logger = telemetry.logger;

async function main(): Promise<void> {
  const aggregator = buildAggregator({
    catalogAddress: config.GAARA_CATALOG_ADDR,
    invoiceAddress: config.GAARA_INVOICE_ADDR,
    paymentAddress: config.GAARA_PAYMENT_ADDR,
    notificationAddress: config.GAARA_NOTIFICATION_ADDR,
    kafkaBrokers: config.GAARA_KAFKA_BROKERS,
    policy: {
      timeoutMs: config.GAARA_CALL_TIMEOUT_MS,
      breaker: {
        openMs: config.GAARA_BREAKER_OPEN_MS,
        minimumCalls: config.GAARA_BREAKER_MIN_CALLS,
      },
    },
    section: {
      freshMs: config.GAARA_SECTION_FRESH_MS,
      staleMs: config.GAARA_SECTION_STALE_MS,
      revalidateWaitMs: config.GAARA_SECTION_REVALIDATE_WAIT_MS,
    },
    healthCheckTimeoutMs: config.GAARA_HEALTH_CHECK_TIMEOUT_MS,
    kafkaCheckTimeoutMs: config.GAARA_KAFKA_CHECK_TIMEOUT_MS,
    watch: { intervalMs: 2000, keepAliveMs: 15_000 },
    registry: defaultBreakerRegistry,
    logger,
  });
  const server = await startGrpcServer({
    host: config.GAARA_GRPC_HOST,
    port: config.GAARA_GRPC_PORT,
    services: [
      { service: aggregatorV1.AggregatorService, implementation: aggregator.implementation },
    ],
    logger,
    handleSignals: false,
  });
  stopOnSignals([() => server.shutdown(), () => aggregator.close(), () => telemetry.shutdown()], {
    service: 'aggregator',
    logger,
  });
}

main().catch(async (error: unknown) => {
  logger.fatal({ err: error }, 'aggregator failed to start');
  await telemetry.shutdown();
  process.exit(1);
});
