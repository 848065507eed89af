import { Partitioners, type IHeaders } from 'kafkajs';
import { kafkaOf, type MessagingClient } from './kafka-client';

/** One message to publish; the key picks the partition (same key, same partition, order kept). */
export interface OutgoingMessage {
  readonly key?: string;
  readonly value: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Publishes messages; one per process is enough, it is safe to share. */
export interface Publisher {
  /** Resolves once every in-sync replica acknowledged the messages (acks -1); rejects otherwise. */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}

/** Connects an idempotent producer (no duplicates from its own retries, order kept per partition). */
export async function connectPublisher(client: MessagingClient): Promise<Publisher> {
  const producer = kafkaOf(client).producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // Explicit, which also silences kafkajs's warning about the v2 partitioner change.
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return {
    publish: async (topic, messages) => {
      if (messages.length === 0) return;
      await producer.send({
        topic,
        acks: -1,
        messages: messages.map((message) => ({
          key: message.key ?? null,
          value: message.value,
          // A fresh object: the OTel kafkajs instrumentation writes traceparent into it.
          headers: { ...(message.headers ?? {}) } as IHeaders,
        })),
      });
    },
    disconnect: () => producer.disconnect(),
  };
}
