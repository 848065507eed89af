import type { BreakerRegistry, ResilienceLogger } from '@gaara/resilience';
import type { AggregatorOptions } from './build-aggregator';
import type { config as loadedConfig } from './telemetry';

/** The aggregator's validated configuration. */
type AggregatorConfig = typeof loadedConfig;

/** The aggregator's options from its configuration and the process's collaborators. */
export function aggregatorOptionsFromConfig(
  config: AggregatorConfig,
  deps: { registry: BreakerRegistry; logger: ResilienceLogger },
): AggregatorOptions {
  return {
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
    healthReportBudgetMs: config.GAARA_HEALTH_REPORT_BUDGET_MS,
    watch: { intervalMs: 2000, keepAliveMs: 15_000 },
    ...deps,
  };
}
