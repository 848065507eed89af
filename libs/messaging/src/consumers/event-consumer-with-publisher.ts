import { connectPublisher } from '../kafka/publisher';
import { ensureTopics } from '../kafka/topics';
import {
  consumedTopics,
  startEventConsumer,
  type EventConsumer,
  type EventConsumerOptions,
} from './event-consumer';

/**
 * Connects a publisher of its own (for the dead letters), creates the topic, its dead-letter and replay topics, and starts
 * an event consumer; `stop` leaves the group, then disconnects. On failure stops what it started and throws, so
 * a background start can retry.
 */
export async function startEventConsumerWithPublisher(
  options: Omit<EventConsumerOptions, 'publisher'>,
): Promise<EventConsumer> {
  const publisher = await connectPublisher(options.client);
  try {
    await ensureTopics(options.client, [...consumedTopics(options), options.deadLetterTopic]);
    const consumer = await startEventConsumer({ ...options, publisher });
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
