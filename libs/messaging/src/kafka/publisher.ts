import { Partitioners, type IHeaders } from 'kafkajs';
import { kafkaOf, type MessagingClient } from './kafka-client';
import { MessagingError } from './messaging-error';

/** One message to publish; the key picks the partition (same key, same partition, order kept). */
export interface OutgoingMessage {
  readonly key?: string;
  readonly value: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Explicit partition, overriding the key's (this library uses it to put a deferred item back in place). */
  readonly partition?: number;
}

/**
 * A message to publish together with the topic it goes to, without an explicit partition: what a service
 * writes to be published later (e.g. through an outbox) and what a retry tier's first message is.
 */
export interface MessageToPublish {
  readonly topic: string;
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

/** Producers per publisher: each has one request in flight, so concurrent publishes spread over them. */
const PRODUCERS = 4;

/**
 * Connects a small pool of producers (each: maxInFlightRequests 1, acks -1, the client's bounded retries, 5 from
 * 300 ms doubling, so a publish rejects when Kafka stays down and the outbox keeps its row). One publish call
 * goes through one producer, so its messages keep their order; concurrent calls never had an order between
 * them, and a call made after another resolved is acknowledged after it whichever producer takes it. The pool
 * lifts the one-request-at-a-time limit of a single producer.
 */
export async function connectPublisher(client: MessagingClient): Promise<Publisher> {
  const producers = Array.from({ length: PRODUCERS }, () =>
    kafkaOf(client).producer({
      // Not idempotent: kafkajs's idempotence needs unbounded retries (bounded, it warns its EoS may not hold), and
      // no duplicate is harmful anyway: the outbox republishes until acked and every consumer dedupes by id.
      idempotent: false,
      maxInFlightRequests: 1,
      // Explicit, which also silences kafkajs's warning about the v2 partitioner change.
      createPartitioner: Partitioners.DefaultPartitioner,
    }),
  );
  try {
    await Promise.all(producers.map((producer) => producer.connect()));
  } catch (error: unknown) {
    await Promise.all(producers.map((producer) => producer.disconnect().catch(() => undefined)));
    throw error;
  }
  let next = 0;
  return {
    publish: async (topic, messages) => {
      if (messages.length === 0) return;
      const producer = producers[next % producers.length];
      next += 1;
      if (producer === undefined)
        throw new MessagingError('MESSAGING_NOT_CONNECTED', 'no producer');
      await producer.send({
        topic,
        acks: -1,
        messages: messages.map((message) => ({
          ...(message.partition === undefined ? {} : { partition: message.partition }),
          key: message.key ?? null,
          value: message.value,
          // A fresh object: the OTel kafkajs instrumentation writes traceparent into it.
          headers: { ...(message.headers ?? {}) } as IHeaders,
        })),
      });
    },
    disconnect: async () => {
      await Promise.all(producers.map((producer) => producer.disconnect()));
    },
  };
}
