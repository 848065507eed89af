import {
  connectPublisher,
  ensureTopics,
  startEventConsumer,
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

/**
 * Connects a publisher (for dead letters), creates the topics and starts the payments.events consumer that
 * marks invoices paid or failed. On failure stops what it started and throws, so the caller can retry.
 */
export async function startInvoiceMessaging(options: {
  readonly client: MessagingClient;
  readonly invoices: Pick<Invoices, 'markPaid' | 'markFailed'>;
  readonly topicPrefix: string;
  readonly logger?: MessagingLogger;
}): Promise<{ stop(): Promise<void> }> {
  const { client, logger } = options;
  const topics = invoiceTopics(options.topicPrefix);
  const publisher = await connectPublisher(client);
  try {
    await ensureTopics(client, [topics.paymentEvents, topics.deadLetter]);
    const consumer = await startEventConsumer({
      client,
      publisher,
      // Under the prefix too: runs on other prefixes sharing the group would rebalance each other and stall.
      groupId: `${options.topicPrefix}${PAYMENT_EVENTS_GROUP}`,
      topic: topics.paymentEvents,
      deadLetterTopic: topics.deadLetter,
      types: [PAYMENT_EVENT_TYPE],
      handle: paymentEventsHandler(options.invoices, logger),
      logger,
    });
    return {
      stop: async () => {
        await consumer.stop();
        await publisher.disconnect();
      },
    };
  } catch (error: unknown) {
    await publisher.disconnect().catch(() => undefined);
    throw error;
  }
}
