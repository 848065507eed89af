import {
  kafkaEnvShape,
  defineConfig,
  grpcAddress,
  grpcServerEnvShape,
  milliseconds,
  positiveInt,
  serviceEnvShape,
} from '@gaara/config';
import { DEFAULT_PORTS, localGrpcAddress } from '@gaara/topology';
import { PEER_BREAKER_OPEN_MS } from '@gaara/resilience';

/** The aggregator's environment; every variable has a local default. */
export const aggregatorConfig = defineConfig({
  ...serviceEnvShape({ serviceName: 'aggregator', metricsPort: DEFAULT_PORTS.aggregator.metrics }),
  ...grpcServerEnvShape({ port: DEFAULT_PORTS.aggregator.grpc }),
  GAARA_CATALOG_ADDR: grpcAddress().default(localGrpcAddress('catalog')),
  GAARA_INVOICE_ADDR: grpcAddress().default(localGrpcAddress('invoice')),
  GAARA_PAYMENT_ADDR: grpcAddress().default(localGrpcAddress('payment')),
  GAARA_NOTIFICATION_ADDR: grpcAddress().default(localGrpcAddress('notification')),
  ...kafkaEnvShape(),
  /** Per-attempt timeout of calls to catalog, invoice, payment and notification. */
  GAARA_CALL_TIMEOUT_MS: milliseconds().default(2000),
  /** How long an opened breaker of the aggregator stays open (spec: 60 s; e2e tests shorten it). */
  GAARA_BREAKER_OPEN_MS: milliseconds().default(PEER_BREAKER_OPEN_MS),
  /** Calls in the window before a breaker may open; low because the dashboard's refreshes are single-flight. */
  GAARA_BREAKER_MIN_CALLS: positiveInt().default(5),
  GAARA_SECTION_FRESH_MS: milliseconds().default(1000),
  GAARA_SECTION_STALE_MS: milliseconds().default(30_000),
  GAARA_SECTION_REVALIDATE_WAIT_MS: milliseconds().default(100),
  /** One attempt per grpc health check of a peer; well inside the health report's budget. */
  GAARA_HEALTH_CHECK_TIMEOUT_MS: milliseconds().default(400),
  /** How long a broker has to answer the health view's Kafka check (a fresh connection plus a metadata call). */
  GAARA_KAFKA_CHECK_TIMEOUT_MS: milliseconds().default(500),
  /** How long GetHealth waits for any check: the gateway's /health waits 800 ms for it and answers within 1 s. */
  GAARA_HEALTH_REPORT_BUDGET_MS: milliseconds().default(600),
});
