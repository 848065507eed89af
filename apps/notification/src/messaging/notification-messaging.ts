import type { Knex } from '@gaara/db';
import {
  startEventConsumer,
  type MessagingClient,
  type MessagingLogger,
  type RetryTopology,
} from '@gaara/messaging';
import { startTaskQueueMessaging } from '@gaara/tasks';
import type { EmailDispatcher } from '../email-dispatcher';
import { emailTasks } from './email-task';
import { paymentEventsHandler } from './payment-events-handler';
import { PAYMENT_EVENT_TYPE } from './receipt-for-payment';
import { NOTIFICATIONS_QUEUE } from '@gaara/topology';

/** Consumer group of the receipt consumer on payments.events. */
export const PAYMENT_EVENTS_GROUP = 'notification.payments-events';
/** Prefix of the retry tiers' consumer groups (`notification.email-retry.<label>`). */
export const EMAIL_RETRY_GROUP_PREFIX = NOTIFICATIONS_QUEUE.groupIdPrefix;

/**
 * A consumer group id under the topic prefix ('' in production, so the contract's names): groups shared by
 * runs on other prefixes would rebalance each other and stall (a test's consumer waited 45 s+).
 */
export function groupIdFor(topicPrefix: string, groupId: string): string {
  return `${topicPrefix}${groupId}`;
}

/** The running Kafka side of the service. */
export interface NotificationMessaging {
  /** Publishes outbox rows now instead of at the next poll. */
  kickRelay(): void;
  stop(): Promise<void>;
}

/**
 * Connects the publisher, creates the topics, then starts the outbox relay, the payments.events consumer
 * (poison → the notifications DLT) and one consumer per retry tier. On failure stops what it started and
 * throws, so the caller can try again.
 */
export async function startNotificationMessaging(options: {
  readonly client: MessagingClient;
  readonly db: Knex;
  readonly topology: RetryTopology;
  readonly paymentEventsTopic: string;
  /** The topic prefix, also put before consumer group ids. */
  readonly topicPrefix: string;
  readonly dispatcher: EmailDispatcher;
  readonly logger?: MessagingLogger;
}): Promise<NotificationMessaging> {
  const { client, topology, logger } = options;
  const messaging = await startTaskQueueMessaging(
    {
      client,
      db: options.db,
      topology,
      otherTopics: [options.paymentEventsTopic],
      groupIdPrefix: groupIdFor(options.topicPrefix, EMAIL_RETRY_GROUP_PREFIX),
      types: [emailTasks.type],
      handle: (item) => options.dispatcher.retry(item),
      logger,
    },
    // Receipts: poison on payments.events goes to the notifications DLT.
    async (onStop, publisher) => {
      const events = await startEventConsumer({
        client,
        publisher,
        groupId: groupIdFor(options.topicPrefix, PAYMENT_EVENTS_GROUP),
        topic: options.paymentEventsTopic,
        deadLetterTopic: topology.deadLetterTopic,
        types: [PAYMENT_EVENT_TYPE],
        handle: paymentEventsHandler(options.dispatcher, options.paymentEventsTopic, logger),
        logger,
      });
      onStop(() => events.stop());
      return {};
    },
  );
  return { kickRelay: () => messaging.relay.kick(), stop: () => messaging.stop() };
}
