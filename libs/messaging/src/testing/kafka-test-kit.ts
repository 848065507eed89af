// Helpers of this library's integration specs: the stack's broker, unique topics, and a topic recorder.
import { randomBytes } from 'node:crypto';
import { fetchWatermarks, withAdmin } from '../kafka/admin-session';
import { toConsumedMessage, type ConsumedMessage } from '../consumers/consumed-message';
import { createMessagingClient, kafkaOf, type MessagingClient } from '../kafka/kafka-client';
import type { MessagingLogger } from '../kafka/messaging-logger';
import { connectPublisher, type Publisher } from '../kafka/publisher';
import { ensureTopics, type EnsureTopicsOptions } from '../kafka/topics';

export { eventually } from '@gaara/testing';

/** Brokers of the local stack, overridable with GAARA_KAFKA_BROKERS (comma list). */
export function testBrokers(): string[] {
  return (process.env['GAARA_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
}

/** A topic prefix unique to one spec file, e.g. "t1732690000000a1b2c3.". */
export function uniqueTopicPrefix(): string {
  return `t${Date.now()}${randomBytes(3).toString('hex')}.`;
}

/** A logger that keeps warnings and errors for assertions and drops the rest. */
export function recordingLogger(): MessagingLogger & {
  readonly lines: { level: string; msg: string }[];
} {
  const lines: { level: string; msg: string }[] = [];
  return {
    lines,
    debug: () => undefined,
    info: () => undefined,
    warn: (_obj, msg) => lines.push({ level: 'warn', msg }),
    error: (_obj, msg) => lines.push({ level: 'error', msg }),
  };
}

export function testClient(clientId = 'messaging-test', logger?: MessagingLogger): MessagingClient {
  return createMessagingClient({
    brokers: testBrokers(),
    clientId,
    ...(logger === undefined ? {} : { logger }),
  });
}

/** Records every message of some topics from the beginning, in a consumer group of its own. */
export interface TopicRecorder {
  readonly messages: ConsumedMessage[];
  on(topic: string): ConsumedMessage[];
  /**
   * Whether every message in `topic` now (up to each partition's end offset at the call) was recorded: once it
   * holds after the producers stopped, nothing more of theirs can arrive (a positive end instead of a sleep).
   */
  hasAllOf(topic: string): Promise<boolean>;
  stop(): Promise<void>;
}

export async function recordTopics(
  client: MessagingClient,
  topics: readonly string[],
): Promise<TopicRecorder> {
  const consumer = kafkaOf(client).consumer({
    groupId: `recorder.${randomBytes(4).toString('hex')}`,
    maxWaitTimeInMs: 200,
  });
  const messages: ConsumedMessage[] = [];
  await consumer.connect();
  for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: ({ topic, partition, message }) => {
      messages.push(toConsumedMessage(topic, partition, message));
      return Promise.resolve();
    },
  });
  const on = (topic: string): ConsumedMessage[] =>
    messages.filter((message) => message.topic === topic);
  return {
    messages,
    on,
    hasAllOf: async (topic) => {
      const marks = await withAdmin(client, (admin) => fetchWatermarks(admin, topic));
      const recorded = on(topic);
      return marks.every(
        ({ partition, low, high }) =>
          Number(high) <= Number(low) ||
          recorded.some((m) => m.partition === partition && Number(m.offset) === Number(high) - 1),
      );
    },
    stop: () => consumer.disconnect(),
  };
}

/**
 * The broker side of an integration spec file: a client of the stack's broker and a publisher, plus recorders
 * of the topics it looks at. Made at the top of the file; `start` (in beforeAll) connects the publisher and
 * `stop` (in afterAll) ends the recorders and the publisher and deletes the topics it created.
 */
export interface KafkaSpec {
  readonly client: MessagingClient;
  /** Publishes once `start` resolved. */
  readonly publisher: Publisher;
  start(): Promise<void>;
  /** Creates the topics that are missing (`options`: their partitions) and waits for their leaders. */
  topics(topics: readonly string[], options?: EnsureTopicsOptions): Promise<void>;
  /** Creates `topics` like {@link topics} and records them from the beginning until stop(). */
  record(topics: readonly string[], options?: EnsureTopicsOptions): Promise<TopicRecorder>;
  stop(): Promise<void>;
}

/** The {@link KafkaSpec} of a spec file, its client named `clientId`. */
export function kafkaSpec(clientId: string, logger?: MessagingLogger): KafkaSpec {
  const client = testClient(clientId, logger);
  let connected: Publisher | undefined;
  const recorders: TopicRecorder[] = [];
  const created = new Set<string>();
  const topics = (names: readonly string[], options?: EnsureTopicsOptions): Promise<void> => {
    for (const name of names) created.add(name);
    return ensureTopics(client, names, options);
  };
  return {
    client,
    publisher: {
      publish: async (topic, messages) => {
        if (connected === undefined) throw new Error(`${clientId}: publish before start()`);
        await connected.publish(topic, messages);
      },
      disconnect: async () => connected?.disconnect(),
    },
    start: async () => {
      connected = await connectPublisher(client);
    },
    topics,
    record: async (names, options) => {
      await topics(names, options);
      const recorder = await recordTopics(client, names);
      recorders.push(recorder);
      return recorder;
    },
    stop: async () => {
      await Promise.all(recorders.splice(0).map((recorder) => recorder.stop()));
      await connected?.disconnect();
      // The spec's topics go with it: a broker piling up every run's topics is slower and busier at rest.
      const names = [...created];
      created.clear();
      if (names.length > 0) {
        await withAdmin(client, (admin) => admin.deleteTopics({ topics: names })).catch(
          () => undefined,
        );
      }
    },
  };
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
