import type { Consumer, EachBatchPayload } from 'kafkajs';
import { toConsumedMessage, type ConsumedMessage } from './consumed-message';
import { describeError } from './error-description';
import { kafkaOf, sessionTimeoutOf, type MessagingClient } from './kafka-client';
import type { MessagingLogger } from './messaging-logger';
import { sleep, within } from './sleep';

/** What to do after processing one message. */
export type MessageStep =
  /** Processed (and anything it published is acknowledged): commit its offset. */
  | { readonly kind: 'commit' }
  /** Not yet: pause the partition and deliver this same message again at `untilMs` (epoch milliseconds). */
  | { readonly kind: 'wait'; readonly untilMs: number }
  /** Shutting down: leave the offset uncommitted so the message is redelivered. */
  | { readonly kind: 'leave' };

/** Options of {@link startPartitionConsumer}. */
export interface PartitionConsumerOptions {
  readonly client: MessagingClient;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly logger: MessagingLogger;
  /** Consumer session timeout, in milliseconds; defaults to 30000. */
  readonly sessionTimeoutMs?: number;
  /**
   * Processes one message; called in partition order, one message of a partition at a time. Throwing leaves the
   * offset uncommitted: kafkajs fetches the message again after a backoff (and restarts the consumer if needed).
   */
  process(message: ConsumedMessage, signal: AbortSignal): Promise<MessageStep>;
}

/** A running consumer. */
export interface PartitionConsumer {
  stop(): Promise<void>;
}

/** Thrown out of eachBatch so kafkajs treats a processing failure as retriable (redeliver, never give up). */
export class MessageProcessingError extends Error {
  /** Stable code callers branch on. */
  public readonly code = 'MESSAGING_PROCESSING_FAILED';
  /** Read by kafkajs's retrier: a retriable error is retried and, when retries run out, the consumer restarts. */
  public readonly retriable = true;

  constructor(message: ConsumedMessage, cause: unknown) {
    super(
      `processing ${message.topic}[${message.partition}]@${message.offset} failed: ${describeError(cause).message}`,
      { cause },
    );
    this.name = 'MessageProcessingError';
  }
}

/** Fetch long-poll, in milliseconds: also how often a consumer with every partition paused looks again. */
const MAX_WAIT_TIME_MS = 500;
/** A resumed partition is fetched up to MAX_WAIT_TIME_MS later, so resume this much before the due time. */
const RESUME_LEAD_MS = 250;
/** Waits this short are slept inside eachBatch (far below any session timeout) instead of pausing. */
const INLINE_WAIT_MS = 500;
/** stop() gives kafkajs this long to leave the group, in milliseconds. */
const STOP_TIMEOUT_MS = 5000;

/**
 * A kafkajs consumer that commits a message only once `process` says so, and waits without sleeping: a message
 * not yet due pauses its partition and leaves its offset unresolved, so kafkajs fetches it again after resume.
 *
 * Verified against kafkajs 2.2.4: with eachBatchAutoResolve false an unresolved message is not committed
 * (runner.js autoCommitOffsets commits resolved offsets only) and the next fetch starts at the resolved offset
 * (offsetManager nextOffset); fetch skips paused partitions and drops their data from an in-flight response
 * (consumerGroup.js fetch); heartbeats continue while everything is paused (runner.js fetch heartbeats after
 * an empty fetch).
 */
export async function startPartitionConsumer(
  options: PartitionConsumerOptions,
): Promise<PartitionConsumer> {
  const { logger, groupId } = options;
  const sessionTimeout = options.sessionTimeoutMs ?? sessionTimeoutOf(options.client) ?? 30_000;
  const stopping = new AbortController();
  const resumeTimers = new Map<string, NodeJS.Timeout>();

  const consumer: Consumer = kafkaOf(options.client).consumer({
    groupId,
    sessionTimeout,
    heartbeatInterval: Math.max(300, Math.min(3000, Math.floor(sessionTimeout / 10))),
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
    for (const raw of batch.messages) {
      const message = toConsumedMessage(batch.topic, batch.partition, raw);
      for (;;) {
        if (!payload.isRunning() || payload.isStale() || stopping.signal.aborted) return;
        let step: MessageStep;
        try {
          step = await options.process(message, stopping.signal);
        } catch (error: unknown) {
          throw new MessageProcessingError(message, error);
        }
        if (step.kind === 'leave') return;
        if (step.kind === 'commit') break;
        const waitMs = step.untilMs - Date.now();
        if (waitMs > INLINE_WAIT_MS) {
          const resume = payload.pause();
          scheduleResume(key, step.untilMs, resume);
          return;
        }
        await sleep(waitMs, stopping.signal);
        await payload.heartbeat();
      }
      payload.resolveOffset(raw.offset);
      // autoCommitThreshold 1: commits every resolved offset now.
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    }
  };

  await consumer.connect();
  try {
    for (const topic of options.topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      autoCommitThreshold: 1,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 4,
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
