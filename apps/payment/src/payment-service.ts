import { paymentV1 } from '@gaara/contracts';
import { serveWhileDatabaseReachable, type Knex } from '@gaara/db';
import { startGrpcServer } from '@gaara/grpc';
import {
  connectPublisher,
  ensureTopics,
  retryTopology,
  startOutboxRelay,
  startRetryConsumers,
  watchQueueDepths,
  type MessagingClient,
  type RetryTopology,
} from '@gaara/messaging';
import {
  createPolicy,
  defaultBreakerRegistry,
  type BreakerRegistry,
  type Policy,
} from '@gaara/resilience';
import type { Logger } from '@gaara/telemetry';
import { metrics, type Meter } from '@opentelemetry/api';
import { ChargeAttempts } from './charging/charge-attempts';
import { chargeTaskHandler } from './charging/charge-task-handler';
import { startLeaseSweeper, type LeaseSweeper } from './charging/lease-sweeper';
import { CHARGE_TASK_TYPE } from './charging/payment-messages';
import { PaymentMetrics } from './charging/payment-metrics';
import { PaymentRepository } from './data/payment-repository';
import { paymentHandlers } from './grpc/payment-handlers';
import { Payments } from './payments';
import { classifyProviderError } from './provider/classify-provider-error';
import type { PaymentProvider } from './provider/payment-provider';

/** Per-attempt timeout of a provider call, in ms. */
const PROVIDER_TIMEOUT_MS = 5000;

/** Options of {@link startPaymentService}; the database must be migrated already. */
export interface PaymentServiceOptions {
  readonly db: Knex;
  readonly messaging: MessagingClient;
  readonly provider: PaymentProvider;
  /** Prepended to every topic and consumer group (tests use a unique one); defaults to ''. */
  readonly topicPrefix?: string;
  /** Retry tiers, e.g. `5s,30s,5m,30m`. */
  readonly retryDelays: string;
  /** Lease of a pending or claimed payment, in ms. */
  readonly leaseMs: number;
  /** Open period of the `payment` breaker, in ms. */
  readonly breakerOpenMs: number;
  /** Time between lease sweeps, in ms; defaults to 5000. */
  readonly sweepIntervalMs?: number;
  readonly host?: string;
  /** gRPC port; 0 picks a free one. */
  readonly port: number;
  readonly logger?: Logger;
  /** Defaults to the global meter provider's `@gaara/payment`. */
  readonly meter?: Meter;
  /** Registry the `payment` breaker joins (tests pass their own); defaults to the process-wide one. */
  readonly registry?: BreakerRegistry;
  /** Time between database health probes, in ms; defaults to 1000. */
  readonly healthIntervalMs?: number;
}

/** The running payment service. */
export interface RunningPaymentService {
  readonly port: number;
  readonly topology: RetryTopology;
  /** Full name of payments.events. */
  readonly eventsTopic: string;
  readonly policy: Policy;
  readonly sweeper: LeaseSweeper;
  /** Stops serving, consuming, sweeping and relaying, then disconnects the publisher. The db stays open. */
  stop(): Promise<void>;
}

/**
 * Wires the payment service: topics, publisher, outbox relay, the `payment` policy, retry consumers of
 * ChargeTask, the lease sweeper and the gRPC server (health follows the database). Signals are the caller's.
 */
export async function startPaymentService(
  options: PaymentServiceOptions,
): Promise<RunningPaymentService> {
  const prefix = options.topicPrefix ?? '';
  const logger = options.logger;
  const topology = retryTopology({
    name: 'payments',
    delays: options.retryDelays,
    topicPrefix: prefix,
  });
  const eventsTopic = `${prefix}payments.events`;
  const groupIdPrefix = `${prefix}payment.charge-retry`;
  // Measured in the background: GetPaymentStats (the dashboard) never waits on Kafka.
  const depths = watchQueueDepths(options.messaging, topology, groupIdPrefix, { logger });
  await ensureTopics(options.messaging, [...topology.topics, eventsTopic]);

  const publisher = await connectPublisher(options.messaging);
  const relay = startOutboxRelay({ db: options.db, publisher, logger });
  const registry = options.registry ?? defaultBreakerRegistry;
  const policy = createPolicy(
    'payment',
    {
      timeoutMs: PROVIDER_TIMEOUT_MS,
      // One provider call per claim: retries are the Kafka tiers, each claimed on its own.
      retry: { maxAttempts: 1 },
      breaker: { openMs: options.breakerOpenMs },
      classify: classifyProviderError,
    },
    { logger, meter: options.meter, registry },
  );
  const meter = options.meter ?? metrics.getMeter('@gaara/payment');
  const paymentMetrics = new PaymentMetrics(meter);
  const attempts = new ChargeAttempts({
    db: options.db,
    provider: options.provider,
    policy,
    topology,
    eventsTopic,
    leaseMs: options.leaseMs,
    metrics: paymentMetrics,
  });
  const payments = new Payments({
    db: options.db,
    repository: new PaymentRepository(options.db),
    attempts,
    metrics: paymentMetrics,
    leaseMs: options.leaseMs,
    retryDepths: () => Promise.resolve(depths.current().retryTopics),
    breakers: () => registry.list(),
  });

  const consumers = await startRetryConsumers({
    client: options.messaging,
    topology,
    publisher,
    groupIdPrefix,
    types: [CHARGE_TASK_TYPE],
    handle: chargeTaskHandler({
      db: options.db,
      attempts,
      leaseMs: options.leaseMs,
      metrics: paymentMetrics,
      breaker: { breaker: policy.breaker, openMs: policy.config.breaker.openMs },
    }),
    logger,
    meter,
  });
  const sweeper = startLeaseSweeper({
    db: options.db,
    topology,
    leaseMs: options.leaseMs,
    intervalMs: options.sweepIntervalMs,
    logger,
  });
  const grpc = await startGrpcServer({
    host: options.host,
    port: options.port,
    logger,
    handleSignals: false,
    services: [{ service: paymentV1.PaymentService, implementation: paymentHandlers(payments) }],
  });
  const watcher = serveWhileDatabaseReachable(options.db, grpc.health, {
    intervalMs: options.healthIntervalMs,
    logger,
  });

  return {
    port: grpc.port,
    topology,
    eventsTopic,
    policy,
    sweeper,
    stop: async () => {
      watcher.stop();
      depths.stop();
      await grpc.shutdown();
      await consumers.stop();
      await sweeper.stop();
      await relay.stop();
      await publisher.disconnect();
      policy.dispose();
    },
  };
}
