import type { Knex } from '@gaara/db';
import type { MessagingClient } from '../kafka/kafka-client';
import type { MessagingLogger } from '../kafka/messaging-logger';
import { startOutboxRelay, type OutboxRelay } from './outbox-relay';
import { connectPublisher, type Publisher } from '../kafka/publisher';
import type { OnStop } from '../kafka/start-parts';
import { ensureTopics } from '../kafka/topics';

/**
 * The first parts of a service's Kafka side: connects a publisher, creates `topics` and starts the outbox
 * relay of `db`; registers their stops with `onStop` (see startParts), so a later failure stops them.
 */
export async function startOutboxPublishing(
  onStop: OnStop,
  options: {
    readonly client: MessagingClient;
    readonly db: Knex;
    readonly topics: readonly string[];
    readonly logger?: MessagingLogger;
  },
): Promise<{ publisher: Publisher; relay: OutboxRelay }> {
  const publisher = await connectPublisher(options.client);
  onStop(() => publisher.disconnect());
  await ensureTopics(options.client, [...options.topics]);
  const relay = startOutboxRelay({ db: options.db, publisher, logger: options.logger });
  onStop(() => relay.stop());
  return { publisher, relay };
}
