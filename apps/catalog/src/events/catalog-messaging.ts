import {
  connectPublisher,
  ensureTopics,
  startEventConsumer,
  type MessagingClient,
  type MessagingLogger,
} from '@gaara/messaging';
import { CATALOG_DLT_TOPIC, PAYMENT_EVENTS_TOPIC } from '@gaara/topology';
import { paymentEventCodec } from '@gaara/topology/codecs';
import type { StockLedger } from '../data/stock-ledger';
import { paymentOutcomeHandler } from './payment-outcome-handler';

/** Consumer group of catalog's payments.events consumer. */
export const CATALOG_PAYMENT_EVENTS_GROUP = 'catalog.payments-events';

/**
 * Connects a publisher (for dead letters), creates the topics and starts the payments.events consumer that
 * confirms or releases reservations. On failure stops what it started and throws, so the caller can retry.
 */
export async function startCatalogMessaging(options: {
  readonly client: MessagingClient;
  readonly stock: Pick<StockLedger, 'settle'>;
  /** '' in production, unique in tests. */
  readonly topicPrefix: string;
  readonly logger?: MessagingLogger;
}): Promise<{ stop(): Promise<void> }> {
  const { client, logger, topicPrefix } = options;
  const topic = `${topicPrefix}${PAYMENT_EVENTS_TOPIC}`;
  // Catalog's own dead letters: poison on payments.events must not land on another service's.
  const deadLetterTopic = `${topicPrefix}${CATALOG_DLT_TOPIC}`;
  const publisher = await connectPublisher(client);
  try {
    await ensureTopics(client, [topic, deadLetterTopic]);
    const handle = paymentOutcomeHandler(options.stock, logger);
    const consumer = await startEventConsumer({
      client,
      publisher,
      groupId: `${topicPrefix}${CATALOG_PAYMENT_EVENTS_GROUP}`,
      topic,
      deadLetterTopic,
      types: [paymentEventCodec.type],
      handle: async (event) => {
        await handle(event);
      },
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
