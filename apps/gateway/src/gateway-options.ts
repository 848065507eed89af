import type { MetricsRequestHandler } from '@gaara/telemetry';
import type { BreakerRegistry, ResilienceLogger } from '@gaara/resilience';
import type { GatewayOptions } from './gateway-parts';
import type { config as loadedConfig } from './telemetry';

/** The gateway's validated configuration. */
type GatewayConfig = typeof loadedConfig;

/** The gateway's options from its configuration and the process's collaborators. */
export function gatewayOptionsFromConfig(
  config: GatewayConfig,
  deps: { registry: BreakerRegistry; logger: ResilienceLogger; metrics: MetricsRequestHandler },
): GatewayOptions {
  const breaker = { openMs: config.GAARA_BREAKER_OPEN_MS };
  return {
    catalogAddress: config.GAARA_CATALOG_ADDR,
    invoiceAddress: config.GAARA_INVOICE_ADDR,
    aggregatorAddress: config.GAARA_AGGREGATOR_ADDR,
    paymentAddress: config.GAARA_PAYMENT_ADDR,
    notificationAddress: config.GAARA_NOTIFICATION_ADDR,
    kafka: {
      brokers: config.GAARA_KAFKA_BROKERS,
      topicPrefix: config.GAARA_KAFKA_TOPIC_PREFIX,
      retryDelays: {
        payments: config.GAARA_PAYMENT_RETRY_DELAYS,
        notifications: config.GAARA_NOTIFICATION_RETRY_DELAYS,
      },
    },
    adminToken: config.GAARA_ADMIN_TOKEN,
    customerTokenSecret: config.GAARA_CUSTOMER_TOKEN_SECRET,
    externalApi: { url: config.GAARA_EXTERNAL_API_URL, token: config.GAARA_EXTERNAL_API_TOKEN },
    servicePolicy: { timeoutMs: config.GAARA_CALL_TIMEOUT_MS, breaker },
    paymentCallTimeoutMs: config.GAARA_PAYMENT_CALL_TIMEOUT_MS,
    orderLimits: {
      deadlineMs: config.GAARA_ORDER_DEADLINE_MS,
      concurrency: config.GAARA_ORDER_CONCURRENCY,
    },
    externalPolicy: { timeoutMs: config.GAARA_EXTERNAL_API_TIMEOUT_MS, breaker },
    dashboard: {
      freshMs: config.GAARA_DASHBOARD_FRESH_MS,
      staleMs: config.GAARA_DASHBOARD_STALE_MS,
    },
    productCache: { maxEntries: 10_000, ttlMs: 3_600_000, freshMs: config.GAARA_PRODUCT_FRESH_MS },
    bodyLimitBytes: config.GAARA_BODY_LIMIT_BYTES,
    console: {
      prometheusUrl: config.GAARA_PROMETHEUS_URL,
      jaegerQueryUrl: config.GAARA_JAEGER_QUERY_URL,
    },
    ...deps,
  };
}
