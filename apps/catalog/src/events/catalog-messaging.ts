import {
  startEventConsumerWithPublisher,
  type EventConsumer,
  type EventConsumerOptions,
  type MessagingClient,
  type MessagingLogger,
} from '@gaara/messaging';
import { CATALOG_EVENTS_QUEUE } from '@gaara/topology';
import { paymentEventCodec } from '@gaara/topology/codecs';
import type { StockLedger } from '../data/stock-ledger';
import { paymentOutcomeHandler } from './payment-outcome-handler';

/** Consumer group of catalog's payments.events consumer. */
export const CATALOG_PAYMENT_EVENTS_GROUP = CATALOG_EVENTS_QUEUE.groupId;

/**
 * Starts the payments.events (and catalog.replay) consumer that confirms or releases reservations; throws (to be
 * retried) on failure.
 */
export function startCatalogMessaging(options: {
  readonly client: MessagingClient;
  readonly stock: Pick<StockLedger, 'settle'>;
  /** '' in production, unique in tests. */
  readonly topicPrefix: string;
  readonly logger?: MessagingLogger;
  /** Tests only: fewer, faster retries before an event is dead-lettered (see EventConsumerOptions). */
  readonly retries?: Pick<EventConsumerOptions, 'maxAttempts' | 'retryBackoff'>;
}): Promise<EventConsumer> {
  const { client, logger, topicPrefix } = options;
  const handle = paymentOutcomeHandler(options.stock, logger);
  return startEventConsumerWithPublisher({
    client,
    groupId: `${topicPrefix}${CATALOG_PAYMENT_EVENTS_GROUP}`,
    topic: `${topicPrefix}${CATALOG_EVENTS_QUEUE.topic}`,
    // Catalog's own dead letters: poison on payments.events must not land on another service's.
    deadLetterTopic: `${topicPrefix}${CATALOG_EVENTS_QUEUE.deadLetterTopic}`,
    // Replays of catalog.dlt land here, for this group alone.
    replayTopic: `${topicPrefix}${CATALOG_EVENTS_QUEUE.replayTopic}`,
    types: [paymentEventCodec.type],
    handle: async (event) => {
      await handle(event);
    },
    logger,
    ...options.retries,
  });
}
