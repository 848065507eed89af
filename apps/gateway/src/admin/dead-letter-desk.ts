import {
  connectPublisher,
  isKafkaReachable,
  isRetriableKafkaError,
  listDeadLetters,
  replayDeadLetters,
  type DeadLetterEntry,
  type DeadLetterTopology,
  type MessagingClient,
  type Publisher,
  type ReplayOptions,
  type ReplayResult,
} from '@gaara/messaging';
import { ReplayRefusedError, ServiceUnavailableError } from '../errors/gateway-errors';
import { queueNamed, type QueueName } from './dead-letter-queues';
import { redactDeadLetter } from './redact-dead-letter';

/** Which dead letters to replay: every one not replayed by "all" yet, or one entry. */
export type ReplaySelector =
  { readonly all: true } | { readonly partition: number; readonly offset: string };

/** Options of {@link DeadLetterDesk}. */
export interface DeadLetterDeskOptions {
  readonly client: MessagingClient;
  readonly topologies: Readonly<Record<QueueName, DeadLetterTopology>>;
  /** Per queue, a check each entry passes before it is replayed (see replayDeadLetters' `admit`). */
  readonly admissions?: Partial<Record<QueueName, ReplayOptions['admit']>>;
  /** Budget of the reachability check before each operation, in milliseconds; defaults to 2000. */
  readonly reachabilityTimeoutMs?: number;
}

/** Seconds an operator is told to wait when Kafka is unreachable (no breaker to read a period from). */
const kafkaRetryAfterSeconds = 5;

/**
 * Lists and replays the dead letters of the retry queues (back to their first tier) and of the event consumers
 * (onto their own replay topic) through @gaara/messaging. The publisher is connected
 * lazily, on the first replay, so a gateway without Kafka still starts and serves everything else.
 */
export class DeadLetterDesk {
  private publisher: Promise<Publisher> | undefined;

  constructor(private readonly options: DeadLetterDeskOptions) {}

  /**
   * The entries with e-mail addresses and PII fields redacted (replay reads the originals from Kafka).
   * @throws UnknownQueueError, ServiceUnavailableError (Kafka unreachable)
   */
  async list(queue: string, limit: number) {
    const topology = this.topologyOf(queue);
    const entries: DeadLetterEntry[] = await this.withKafka(() =>
      listDeadLetters(this.options.client, topology, { limit }),
    );
    return { queue, topic: topology.deadLetterTopic, entries: entries.map(redactDeadLetter) };
  }

  /**
   * Replays `{ all }` (refused entries are listed in `refused` and stay on the topic) or one entry.
   * @throws UnknownQueueError, ServiceUnavailableError (Kafka or a check's dependency unreachable),
   *   ReplayRefusedError (the one entry was refused)
   */
  async replay(queue: string, selector: ReplaySelector): Promise<ReplayResult> {
    const topology = this.topologyOf(queue);
    const admit = this.options.admissions?.[queueNamed(queue)];
    const result = await this.withKafka(async () =>
      replayDeadLetters(this.options.client, await this.connected(), topology, selector, { admit }),
    );
    const [refused] = result.refused ?? [];
    if (!('all' in selector) && refused !== undefined) {
      throw new ReplayRefusedError(queue, refused, refused.reason);
    }
    return result;
  }

  /** Disconnects the publisher if one was connected; never rejects. */
  async close(): Promise<void> {
    const publisher = this.publisher;
    this.publisher = undefined;
    if (publisher === undefined) return;
    try {
      await (await publisher).disconnect();
    } catch {
      // Never connected or already gone: nothing left to close.
    }
  }

  private topologyOf(queue: string): DeadLetterTopology {
    return this.options.topologies[queueNamed(queue)];
  }

  private connected(): Promise<Publisher> {
    const publisher = (this.publisher ??= connectPublisher(this.options.client));
    // A failed connection is forgotten, so the next replay tries again.
    publisher.catch(() => {
      if (this.publisher === publisher) this.publisher = undefined;
    });
    return publisher;
  }

  /**
   * Fails fast when Kafka is unreachable, and tells a Kafka outage (503) from a bug (500) afterwards; an error
   * kafkajs marks retriable (e.g. a group coordinator still loading after a broker restart) is an outage too.
   */
  private async withKafka<T>(operation: () => Promise<T>): Promise<T> {
    await this.requireKafka();
    try {
      return await operation();
    } catch (error: unknown) {
      if (isRetriableKafkaError(error)) {
        throw new ServiceUnavailableError('kafka', kafkaRetryAfterSeconds, { cause: error });
      }
      await this.requireKafka(error);
      throw error;
    }
  }

  private async requireKafka(cause?: unknown): Promise<void> {
    const timeoutMs = this.options.reachabilityTimeoutMs ?? 2000;
    if (!(await isKafkaReachable(this.options.client, timeoutMs))) {
      throw new ServiceUnavailableError('kafka', kafkaRetryAfterSeconds, { cause });
    }
  }
}
