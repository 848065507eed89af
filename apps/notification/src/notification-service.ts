import { notificationV1 } from '@gaara/contracts';
import type { Knex } from '@gaara/db';
import type { GrpcServer } from '@gaara/grpc';
import {
  createMessagingClient,
  retryTopology,
  watchQueueDepths,
  type MessagingClient,
  type MessagingLogger,
  type RetryTopology,
} from '@gaara/messaging';
import type { BreakerRegistry, PolicyDeps } from '@gaara/resilience';
import {
  serveGrpc,
  startInBackground,
  stopInOrder,
  type BackgroundStart,
  type ServiceWithBackgroundMessaging,
} from '@gaara/service';
import { NotificationRepository } from './data/notification-repository';
import { EmailDispatcher } from './email-dispatcher';
import { createEmailPolicy } from './email/email-policy';
import { SmtpEmailSender } from './email/smtp-email-sender';
import { notificationHandlers } from './grpc/notification-handlers';
import { startLeaseSweeper } from './messaging/lease-sweeper';
import {
  EMAIL_RETRY_GROUP_PREFIX,
  groupIdFor,
  startNotificationMessaging,
  type NotificationMessaging,
} from './messaging/notification-messaging';
import { readNotificationStats } from './notification-stats';
import { NOTIFICATIONS_QUEUE, PAYMENT_EVENTS_TOPIC } from '@gaara/topology';

/** Options of {@link startNotificationService}; durations in milliseconds. */
export interface NotificationServiceOptions {
  readonly db: Knex;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly kafkaBrokers: readonly string[];
  /** Consumer session timeout, in milliseconds; defaults to the messaging library's (30000). */
  readonly kafkaSessionTimeoutMs?: number;
  /** Prepended to every topic (tests use a unique one); '' in production. */
  readonly topicPrefix: string;
  /** Retry tier delays, e.g. '30s,5m,30m,2h'. */
  readonly retryDelays: string;
  readonly smtpUrl: string;
  readonly mailFrom: string;
  readonly breakerOpenMs: number;
  readonly leaseMs: number;
  /** Registry of the `email` breaker, read by GetNotificationStats. */
  readonly breakers: BreakerRegistry;
  readonly logger?: MessagingLogger;
  readonly meter?: PolicyDeps['meter'];
  readonly healthIntervalMs?: number;
}

/** The running notification service. */
export interface NotificationService extends ServiceWithBackgroundMessaging {
  readonly grpc: GrpcServer;
  readonly topology: RetryTopology;
  readonly paymentEventsTopic: string;
  readonly messagingClient: MessagingClient;
}

/**
 * Serves NotificationService and grpc.health.v1 (following the database) at once, and starts the Kafka side
 * (outbox relay, payments.events consumer, retry tiers) in the background so SendEmail works, queueing into
 * the outbox, while Kafka is down. Signals are left to the caller.
 */
export async function startNotificationService(
  options: NotificationServiceOptions,
): Promise<NotificationService> {
  const { db, logger } = options;
  const topology = retryTopology({
    name: NOTIFICATIONS_QUEUE.name,
    delays: options.retryDelays,
    topicPrefix: options.topicPrefix,
  });
  const paymentEventsTopic = `${options.topicPrefix}${PAYMENT_EVENTS_TOPIC}`;
  const repository = new NotificationRepository(db);
  const policy = createEmailPolicy({
    openMs: options.breakerOpenMs,
    registry: options.breakers,
    logger,
    meter: options.meter,
  });
  const sender = new SmtpEmailSender({ url: options.smtpUrl, from: options.mailFrom, policy });
  const dispatcher = new EmailDispatcher({
    repository,
    sender,
    topology,
    leaseMs: options.leaseMs,
    logger,
  });
  const client = createMessagingClient({
    brokers: options.kafkaBrokers,
    clientId: 'notification',
    logger,
    sessionTimeoutMs: options.kafkaSessionTimeoutMs,
  });

  let messaging: NotificationMessaging | undefined;
  const background: BackgroundStart = startInBackground(
    async () => {
      messaging = await startNotificationMessaging({
        client,
        db,
        topology,
        paymentEventsTopic,
        topicPrefix: options.topicPrefix,
        dispatcher,
        logger,
      });
      return messaging;
    },
    { what: 'notification messaging', logger },
  );
  const sweeper = startLeaseSweeper({
    repository,
    topology,
    intervalMs: Math.max(1000, Math.floor(options.leaseMs / 2)),
    onRequeued: () => messaging?.kickRelay(),
    logger,
  });

  // Measured in the background: GetNotificationStats (the dashboard) never waits on Kafka.
  const depths = watchQueueDepths(
    client,
    topology,
    groupIdFor(options.topicPrefix, EMAIL_RETRY_GROUP_PREFIX),
    { logger },
  );
  const served = await serveGrpc({
    host: options.host,
    port: options.port,
    logger,
    shutdownTimeoutMs: 3000,
    db,
    healthIntervalMs: options.healthIntervalMs,
    services: [
      {
        service: notificationV1.NotificationService,
        implementation: notificationHandlers(dispatcher, () =>
          readNotificationStats({ repository, depths, breakers: options.breakers }),
        ),
      },
    ],
  });
  return {
    grpc: served.grpc,
    port: served.port,
    topology,
    paymentEventsTopic,
    messagingClient: client,
    messagingStarted: background.started,
    stop: () =>
      stopInOrder([
        depths,
        served,
        sweeper,
        background,
        () => sender.close(),
        () => policy.dispose(),
      ]),
  };
}
