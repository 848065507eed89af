import {
  startEventConsumerWithPublisher,
  type EventConsumer,
  type MessagingClient,
  type MessagingLogger,
} from '@gaara/messaging';
import type { Invoices } from '../invoices';
import { paymentEventsHandler, PAYMENT_EVENT_TYPE } from './payment-events-handler';
import { INVOICE_DLT_TOPIC, PAYMENT_EVENTS_TOPIC } from '@gaara/topology';

/** Consumer group of invoice's payments.events consumer. */
export const PAYMENT_EVENTS_GROUP = 'invoice.payments-events';

/** Topics of invoice's consumer for a topic prefix ('' in production, unique in tests). */
export function invoiceTopics(prefix: string): { paymentEvents: string; deadLetter: string } {
  // Invoice's own DLT: poison on payments.events must not land on another service's dead letters.
  return {
    paymentEvents: `${prefix}${PAYMENT_EVENTS_TOPIC}`,
    deadLetter: `${prefix}${INVOICE_DLT_TOPIC}`,
  };
}

/** Starts the payments.events consumer that marks invoices paid or failed; throws (to be retried) on failure. */
export function startInvoiceMessaging(options: {
  readonly client: MessagingClient;
  readonly invoices: Pick<Invoices, 'markPaid' | 'markFailed'>;
  readonly topicPrefix: string;
  readonly logger?: MessagingLogger;
}): Promise<EventConsumer> {
  const { client, logger } = options;
  const topics = invoiceTopics(options.topicPrefix);
  return startEventConsumerWithPublisher({
    client,
    // Under the prefix too: runs on other prefixes sharing the group would rebalance each other and stall.
    groupId: `${options.topicPrefix}${PAYMENT_EVENTS_GROUP}`,
    topic: topics.paymentEvents,
    deadLetterTopic: topics.deadLetter,
    types: [PAYMENT_EVENT_TYPE],
    handle: paymentEventsHandler(options.invoices, logger),
    logger,
  });
}
