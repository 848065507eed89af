import {
  startEventConsumerWithPublisher,
  type EventConsumer,
  type EventConsumerOptions,
  type MessagingClient,
  type MessagingLogger,
} from '@gaara/messaging';
import type { Invoices } from '../invoices';
import { paymentEventsHandler, PAYMENT_EVENT_TYPE } from './payment-events-handler';
import { INVOICE_EVENTS_QUEUE } from '@gaara/topology';

/** Consumer group of invoice's payments.events consumer. */
export const PAYMENT_EVENTS_GROUP = INVOICE_EVENTS_QUEUE.groupId;

/** Topics of invoice's consumer for a topic prefix ('' in production, unique in tests). */
export function invoiceTopics(prefix: string): {
  paymentEvents: string;
  deadLetter: string;
  replay: string;
} {
  // Invoice's own DLT and replay topic: its poison must not land on (or be replayed to) another service's.
  return {
    paymentEvents: `${prefix}${INVOICE_EVENTS_QUEUE.topic}`,
    deadLetter: `${prefix}${INVOICE_EVENTS_QUEUE.deadLetterTopic}`,
    replay: `${prefix}${INVOICE_EVENTS_QUEUE.replayTopic}`,
  };
}

/**
 * Starts the payments.events (and invoice.replay) consumer that marks invoices paid or failed; throws (to be
 * retried) on failure.
 */
export function startInvoiceMessaging(options: {
  readonly client: MessagingClient;
  readonly invoices: Pick<Invoices, 'markPaid' | 'markFailed'>;
  readonly topicPrefix: string;
  readonly logger?: MessagingLogger;
  /** Tests only: fewer, faster retries before an event is dead-lettered (see EventConsumerOptions). */
  readonly retries?: Pick<EventConsumerOptions, 'maxAttempts' | 'retryBackoff'>;
}): Promise<EventConsumer> {
  const { client, logger } = options;
  const topics = invoiceTopics(options.topicPrefix);
  return startEventConsumerWithPublisher({
    client,
    // Under the prefix too: runs on other prefixes sharing the group would rebalance each other and stall.
    groupId: `${options.topicPrefix}${PAYMENT_EVENTS_GROUP}`,
    topic: topics.paymentEvents,
    deadLetterTopic: topics.deadLetter,
    // Replays of invoice.dlt land here, for this group alone (notification also reads payments.events).
    replayTopic: topics.replay,
    types: [PAYMENT_EVENT_TYPE],
    handle: paymentEventsHandler(options.invoices, logger),
    logger,
    ...options.retries,
  });
}
