import {
  kafkaEnvShape,
  defineConfig,
  grpcAddress,
  milliseconds,
  millisecondsOrZero,
  port,
  positiveInt,
  secret,
  serviceEnvShape,
  string,
  url,
} from '@gaara/config';
import {
  DEFAULT_PORTS,
  LOCAL_SANDBOX,
  localGrpcAddress,
  NOTIFICATIONS_QUEUE,
  PAYMENTS_QUEUE,
} from '@gaara/topology';
import { PEER_BREAKER_OPEN_MS } from '@gaara/resilience';
import { DEFAULT_ORDER_CONCURRENCY, DEFAULT_ORDER_DEADLINE_MS } from './orders/order-deadline';

/** The gateway's environment; every variable has a local default (secrets only outside GAARA_ENV=production). */
export const gatewayConfig = defineConfig({
  // /metrics is mounted on the HTTP port; GAARA_METRICS_PORT is not used by the gateway.
  ...serviceEnvShape({ serviceName: 'gateway' }),
  GAARA_HTTP_HOST: string().default('127.0.0.1'),
  GAARA_HTTP_PORT: port().default(DEFAULT_PORTS.gateway.http),
  GAARA_CATALOG_ADDR: grpcAddress().default(localGrpcAddress('catalog')),
  GAARA_INVOICE_ADDR: grpcAddress().default(localGrpcAddress('invoice')),
  GAARA_AGGREGATOR_ADDR: grpcAddress().default(localGrpcAddress('aggregator')),
  GAARA_PAYMENT_ADDR: grpcAddress().default(localGrpcAddress('payment')),
  /** host:port of notification's gRPC server (its breakers, for the admin API). */
  GAARA_NOTIFICATION_ADDR: grpcAddress().default(localGrpcAddress('notification')),
  /** Bearer token of the /admin routes; empty (the local default) disables admin: every admin call answers 401. */
  GAARA_ADMIN_TOKEN: secret(''),
  /** Key of the customers' invoice tokens (customerToken of POST /api/orders); the local default is public. */
  GAARA_CUSTOMER_TOKEN_SECRET: secret('local-customer-token-secret'),
  ...kafkaEnvShape(),
  /** Retry tiers of payments, as the payment service reads them (units ms|s|m|h); names the topics. */
  GAARA_PAYMENT_RETRY_DELAYS: string().default(PAYMENTS_QUEUE.delays),
  /** Retry tiers of notifications, as the notification service reads them; names the topics. */
  GAARA_NOTIFICATION_RETRY_DELAYS: string().default(NOTIFICATIONS_QUEUE.delays),
  GAARA_EXTERNAL_API_URL: url().default(LOCAL_SANDBOX.externalApiUrl),
  /** The external API's bearer token (the sandbox's locally). */
  GAARA_EXTERNAL_API_TOKEN: secret('sandbox-token'),
  /** Per-attempt timeout of the external API (spec: 5 s). */
  GAARA_EXTERNAL_API_TIMEOUT_MS: milliseconds().default(5000),
  /** Per-attempt timeout of calls to catalog, invoice, payment and aggregator. */
  GAARA_CALL_TIMEOUT_MS: milliseconds().default(3000),
  /** Per-attempt timeout of Charge calls: the payment service makes one provider attempt (≤ 5 s) inside it. */
  GAARA_PAYMENT_CALL_TIMEOUT_MS: milliseconds().default(6000),
  /** How long placing one order may take (invoice and charge together) before it answers 503 ORDER_TIMEOUT. */
  GAARA_ORDER_DEADLINE_MS: milliseconds().default(DEFAULT_ORDER_DEADLINE_MS),
  /** Orders placed at once (a quarter of it just after start); beyond it POST /api/orders answers 503 (dependency `orders`). */
  GAARA_ORDER_CONCURRENCY: positiveInt().default(DEFAULT_ORDER_CONCURRENCY),
  /** How long an opened breaker stays open (spec: 60 s; e2e tests shorten it). */
  GAARA_BREAKER_OPEN_MS: milliseconds().default(PEER_BREAKER_OPEN_MS),
  /** How long GET /api/products/:id answers a loaded product from memory (its staleness bound); 0 disables. */
  GAARA_PRODUCT_FRESH_MS: millisecondsOrZero().default(1000),
  GAARA_DASHBOARD_FRESH_MS: milliseconds().default(1000),
  GAARA_DASHBOARD_STALE_MS: milliseconds().default(60_000),
  GAARA_BODY_LIMIT_BYTES: positiveInt().default(65_536),
  /** Prometheus the console reads alerts and plots from, proxied by the gateway (the stack's by default). */
  GAARA_PROMETHEUS_URL: url().default('http://127.0.0.1:9090'),
  /** Jaeger's query API the console reads traces from, proxied by the gateway (the stack's by default). */
  GAARA_JAEGER_QUERY_URL: url().default('http://127.0.0.1:16686'),
});
