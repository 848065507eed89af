import type { EventConsumer } from '@gaara/messaging';
import type { KafkaSpec } from '@gaara/messaging/testing';
import { CATALOG_EVENTS_QUEUE } from '@gaara/topology';
import { startCatalogMessaging } from '../events/catalog-messaging';
import type { TestCatalog } from './test-catalog';

/** What startCatalogMessaging takes beyond the spec's broker client and the catalog's stock. */
type ConsumerOptions = Omit<Parameters<typeof startCatalogMessaging>[0], 'client' | 'stock'>;

/**
 * Starts `kafka`, creates the prefixed payments.events topic and starts catalog's consumer of it on `catalog`'s
 * stock: the broker side of a catalog events spec (`kafka.stop()` and the consumer's stop stay the spec's).
 */
export async function startCatalogConsumer(
  kafka: KafkaSpec,
  catalog: TestCatalog,
  options: ConsumerOptions,
): Promise<EventConsumer> {
  await kafka.start();
  await kafka.topics([`${options.topicPrefix}${CATALOG_EVENTS_QUEUE.topic}`]);
  return startCatalogMessaging({ client: kafka.client, stock: catalog.server.stock, ...options });
}
