import type { Consumer, EachBatchPayload } from 'kafkajs';
import { withAdmin } from '../kafka/admin-session';
import { toConsumedMessage, type ConsumedMessage } from './consumed-message';
import { describeError } from '../kafka/error-description';
import { kafkaOf, sessionTimeoutOf, type MessagingClient } from '../kafka/kafka-client';
import type { MessagingLogger } from '../kafka/messaging-logger';
import { runBatch, type MessageStep } from './partition-batch';
import { ProcessedOffsets } from './processed-offsets';
import { sleep, within } from '../kafka/sleep';

export { MessageProcessingError, type MessageStep } from './partition-batch';

/** Options of {@link startPartitionConsumer}. */
export interface PartitionConsumerOptions {
  readonly client: MessagingClient;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly logger: MessagingLogger;
  /** Consumer session timeout, in milliseconds; defaults to 30000. */
  readonly sessionTimeoutMs?: number;
  /** Messages of ONE partition processed at once (same key: one after the other); defaults to 1. */
  readonly concurrency?: number;
  /**
   * Epoch ms before which a message must not be processed (undefined: now). When given, a message not yet due
   * is skipped and later due messages of the fetched batch still run; its offset (and every later one) stays
   * uncommitted until it was processed. When nothing is due the partition pauses until the earliest due time
   * in the batch (or a `followUpAt`): messages appended meanwhile by OTHER producers are seen then, which is on
   * time as long as they are due after that (retry tiers: due = publish time + the tier's fixed delay).
   */
  notBefore?(message: ConsumedMessage): number | undefined;
  /**
   * Processes one message. Throwing leaves the offset uncommitted: kafkajs fetches the message again after a
   * backoff (and restarts the consumer if needed).
   */
  process(message: ConsumedMessage, signal: AbortSignal): Promise<MessageStep>;
}

/** A running consumer. */
export interface PartitionConsumer {
  stop(): Promise<void>;
}

/** Fetch long-poll, in milliseconds: also how often a consumer with every partition paused looks again. */
const MAX_WAIT_TIME_MS = 500;
/** A resumed partition is fetched up to MAX_WAIT_TIME_MS later, so resume this much before the due time. */
const RESUME_LEAD_MS = 250;
/** Waits this short are slept inside eachBatch (far below any session timeout) instead of pausing. */
const INLINE_WAIT_MS = 500;
/** Resolved offsets are committed at least this often while a batch runs, in ms (and at every batch end). */
const COMMIT_INTERVAL_MS = 1000;
/** stop() gives kafkajs this long to leave the group, in milliseconds. */
const STOP_TIMEOUT_MS = 5000;
/** Upper bound of partitions consumed at once per consumer (kafkajs partitionsConsumedConcurrently). */
const MAX_PARTITIONS_CONCURRENTLY = 32;

/**
 * A kafkajs consumer that commits a message only once `process` (and every earlier message of its partition)
 * finished, and waits without sleeping: when nothing of a partition is due it pauses and leaves the offsets
 * unresolved, so kafkajs fetches them again after resume. Resolved offsets are committed once per batch and
 * every COMMIT_INTERVAL_MS, not per message; heartbeats go out whenever due, also while handlers run.
 *
 * Verified against kafkajs 2.2.4: with eachBatchAutoResolve false an unresolved message is not committed
 * (runner.js autoCommitOffsets commits resolved offsets only, also after eachBatch throws) and the next fetch
 * starts at the resolved offset (offsetManager nextOffset); fetch skips paused partitions and drops their data
 * from an in-flight response (consumerGroup.js fetch); heartbeats continue while everything is paused
 * (runner.js fetch heartbeats after an empty fetch) and heartbeat() sends only once its interval passed.
 */
export async function startPartitionConsumer(
  options: PartitionConsumerOptions,
): Promise<PartitionConsumer> {
  const { logger, groupId } = options;
  const sessionTimeout = options.sessionTimeoutMs ?? sessionTimeoutOf(options.client) ?? 30_000;
  // A third of the session (Kafka's rule), at most 3 s: a 10 s session heartbeats every 3 s, as Kafka's defaults did.
  const heartbeatInterval = Math.max(300, Math.min(3000, Math.floor(sessionTimeout / 3)));
  // How often a running batch commits and offers a heartbeat (kafkajs sends one only once its interval passed).
  const tickMs = Math.max(300, Math.min(3000, Math.floor(sessionTimeout / 10)));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const stopping = new AbortController();
  const resumeTimers = new Map<string, NodeJS.Timeout>();
  const processed = new ProcessedOffsets();

  const consumer: Consumer = kafkaOf(options.client).consumer({
    groupId,
    sessionTimeout,
    heartbeatInterval,
    maxWaitTimeInMs: MAX_WAIT_TIME_MS,
    retry: {
      retries: 10,
      initialRetryTime: 300,
      maxRetryTime: 5000,
      // A consumer that gave up would silently stop the queue: restart it unless we are stopping.
      restartOnFailure: (error: Error) => {
        logger.error({ err: describeError(error), groupId }, 'consumer crashed; restarting');
        return Promise.resolve(!stopping.signal.aborted);
      },
    },
  });

  const scheduleResume = (key: string, untilMs: number, resume: () => void): void => {
    clearTimeout(resumeTimers.get(key));
    const timer = setTimeout(
      () => {
        resumeTimers.delete(key);
        // Harmless after a rebalance or restart: resuming a partition this instance no longer has does nothing.
        resume();
      },
      Math.max(0, untilMs - RESUME_LEAD_MS - Date.now()),
    );
    timer.unref();
    resumeTimers.set(key, timer);
  };

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload;
    const key = `${batch.topic}|${batch.partition}`;
    // Offsets below the fetch position were resolved already: forget them.
    processed.forgetBelow(key, batch.firstOffset());
    const end = await runBatch({
      messages: batch.messages.map((raw) => toConsumedMessage(batch.topic, batch.partition, raw)),
      concurrency,
      inlineWaitMs: INLINE_WAIT_MS,
      tickMs,
      signal: stopping.signal,
      ...(options.notBefore === undefined ? {} : { notBefore: options.notBefore }),
      process: options.process,
      halted: () => !payload.isRunning() || payload.isStale() || stopping.signal.aborted,
      wasProcessed: (offset) => processed.has(key, offset),
      resolve: (offset) => {
        processed.forget(key, offset);
        payload.resolveOffset(offset);
      },
      remember: (offset) => processed.add(key, offset),
      tick: async () => {
        await payload.commitOffsetsIfNecessary();
        await payload.heartbeat();
      },
      sleep: async (ms) => {
        await sleep(ms, stopping.signal);
      },
    });
    if (end.kind === 'pause') scheduleResume(key, end.untilMs, payload.pause());
  };

  await consumer.connect();
  try {
    for (const topic of options.topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: COMMIT_INTERVAL_MS,
      eachBatchAutoResolve: false,
      // Every partition of this consumer at once: one slow or waiting partition never holds up another.
      partitionsConsumedConcurrently: await partitionCount(options.client, options.topics),
      eachBatch,
    });
  } catch (error: unknown) {
    await consumer.disconnect().catch(() => undefined);
    throw error;
  }

  return {
    stop: async () => {
      if (stopping.signal.aborted) return;
      stopping.abort();
      for (const timer of resumeTimers.values()) clearTimeout(timer);
      resumeTimers.clear();
      const left = await within(
        consumer.disconnect().then(() => true),
        STOP_TIMEOUT_MS,
      ).catch((error: unknown) => {
        logger.warn({ err: describeError(error), groupId }, 'consumer disconnect failed');
        return true;
      });
      if (left === undefined) {
        logger.warn({ groupId }, `consumer still busy ${STOP_TIMEOUT_MS} ms after stop; abandoned`);
      }
    },
  };
}

/** Partitions of `topics` together (1..MAX_PARTITIONS_CONCURRENTLY); 4 when the metadata cannot be read. */
async function partitionCount(client: MessagingClient, topics: readonly string[]): Promise<number> {
  try {
    const metadata = await withAdmin(
      client,
      (admin) => admin.fetchTopicMetadata({ topics: [...topics] }),
      { retries: 1 },
    );
    const total = metadata.topics.reduce((sum, topic) => sum + topic.partitions.length, 0);
    return Math.min(MAX_PARTITIONS_CONCURRENTLY, Math.max(1, total));
  } catch {
    // Only a concurrency hint: the consumer works with any value.
    return 4;
  }
}
