import type { Knex } from '@gaara/db';
import {
  connectPublisher,
  ensureTopics,
  type MessagingClient,
  type MessagingLogger,
  type OnStop,
  type Publisher,
} from '@gaara/messaging';
import { startOutboxRelay, type OutboxRelay } from './outbox-relay';

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
