import { paymentV1 } from '@gaara/contracts';
import type { Knex } from '@gaara/db';
import {
  retryTopology,
  watchQueueDepths,
  type MessagingClient,
  type RetryTopology,
} from '@gaara/messaging';
import { defaultBreakerRegistry, type BreakerRegistry, type Policy } from '@gaara/resilience';
import {
  serveGrpc,
  startInBackground,
  stopInOrder,
  type ServiceWithBackgroundMessaging,
} from '@gaara/service';
import type { Logger } from '@gaara/telemetry';
import { metrics, type Meter } from '@opentelemetry/api';
import { ChargeAttempts } from './charging/charge-attempts';
import { startLeaseSweeper, type LeaseSweeper } from './charging/lease-sweeper';
import { PaymentMetrics } from './charging/payment-metrics';
import { PaymentRepository } from './data/payment-repository';
import { paymentHandlers } from './grpc/payment-handlers';
import { startPaymentMessaging } from './payment-messaging';
import { Payments } from './payments';
import { createPaymentPolicy } from './provider/payment-policy';
import type { PaymentProvider } from './provider/payment-provider';
import { PAYMENT_EVENTS_TOPIC, PAYMENTS_QUEUE } from '@gaara/topology';

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
  /** How long a Charge may take before answering PENDING, in ms; defaults to 300 (DEFAULT_INLINE_BUDGET_MS). */
  readonly inlineBudgetMs?: number;
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

/** The running payment service; its `stop` leaves the database open. */
export interface RunningPaymentService extends ServiceWithBackgroundMessaging {
  readonly topology: RetryTopology;
  /** Full name of payments.events. */
  readonly eventsTopic: string;
  readonly policy: Policy;
  readonly sweeper: LeaseSweeper;
}

/**
 * Wires the payment service: the `payment` policy, the lease sweeper and the gRPC server (health follows the
 * database) at once, and the Kafka side (topics, publisher, outbox relay, ChargeTask retry consumers) in the
 * background, so charges are taken while Kafka is down: their events and tasks wait in the outbox. Signals
 * are the caller's.
 */
export async function startPaymentService(
  options: PaymentServiceOptions,
): Promise<RunningPaymentService> {
  const prefix = options.topicPrefix ?? '';
  const logger = options.logger;
  const topology = retryTopology({
    name: PAYMENTS_QUEUE.name,
    delays: options.retryDelays,
    topicPrefix: prefix,
  });
  const eventsTopic = `${prefix}${PAYMENT_EVENTS_TOPIC}`;
  const groupIdPrefix = `${prefix}${PAYMENTS_QUEUE.groupIdPrefix}`;
  // Measured in the background: GetPaymentStats (the dashboard) never waits on Kafka.
  const depths = watchQueueDepths(options.messaging, topology, groupIdPrefix, { logger });
  const registry = options.registry ?? defaultBreakerRegistry;
  const policy = createPaymentPolicy(options.breakerOpenMs, {
    logger,
    meter: options.meter,
    registry,
  });
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
    inlineBudgetMs: options.inlineBudgetMs,
    retryDepths: () => Promise.resolve(depths.current().retryTopics),
    breakers: () => registry.list(),
  });

  const background = startInBackground(
    () =>
      startPaymentMessaging({
        client: options.messaging,
        db: options.db,
        topology,
        eventsTopic,
        groupIdPrefix,
        attempts,
        policy,
        leaseMs: options.leaseMs,
        metrics: paymentMetrics,
        logger,
        meter,
      }),
    { what: 'payment messaging', logger },
  );
  const sweeper = startLeaseSweeper({
    db: options.db,
    topology,
    leaseMs: options.leaseMs,
    intervalMs: options.sweepIntervalMs,
    logger,
  });
  const served = await serveGrpc({
    host: options.host,
    port: options.port,
    logger,
    db: options.db,
    healthIntervalMs: options.healthIntervalMs,
    services: [{ service: paymentV1.PaymentService, implementation: paymentHandlers(payments) }],
  });

  return {
    port: served.port,
    topology,
    eventsTopic,
    policy,
    sweeper,
    messagingStarted: background.started,
    // Serving first, then the work that feeds it; the policy last, once no attempt can run.
    stop: () => stopInOrder([depths, served, sweeper, background, () => policy.dispose()]),
  };
}
