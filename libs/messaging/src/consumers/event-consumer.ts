import type { ConsumedMessage } from './consumed-message';
import {
  consumerBasics,
  deadLetterPoison,
  inProcessSpan,
  type ConsumerOptions,
} from './consumer-basics';
import { describeError } from '../kafka/error-description';
import { startPartitionConsumer, type MessageStep } from './partition-consumer';
import { PoisonMessageError } from './poison-message-error';
import type { Publisher } from '../kafka/publisher';
import { messageHeaders } from '../retry/retry-headers';
import { deadLetterMessage } from '../retry/retry-messages';

/** An event taken from a plain topic. */
export interface IncomingEvent {
  readonly key: string | undefined;
  /** Value of the gaara-type header; always one of the consumer's `types`. */
  readonly type: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Options of {@link startEventConsumer}. */
export interface EventConsumerOptions extends ConsumerOptions {
  /** Publishes poison events to `deadLetterTopic`. */
  readonly publisher: Publisher;
  readonly groupId: string;
  readonly topic: string;
  readonly deadLetterTopic: string;
  /**
   * This consumer's own replay topic (see EventDeadLetterTopology), read and handled like `topic`: a replayed
   * dead letter reaches this group only. None: `topic` alone.
   */
  readonly replayTopic?: string;
  /**
   * Handles one event. Throw PoisonMessageError to dead-letter it at once; any other throw pauses the partition
   * and retries the same event with backoff (1 s doubling to 30 s) until `maxAttempts` handle calls failed, then
   * dead-letters it with the last error (reason 'retries exhausted') and goes on; never crashing the consumer.
   */
  handle(event: IncomingEvent, signal: AbortSignal): Promise<void>;
  /**
   * Handle calls of one event before it is dead-lettered; defaults to {@link DEFAULT_EVENT_MAX_ATTEMPTS} (15: the
   * backoffs 1+2+4+8+16 s and then 30 s each add up to about 5 min). Counted in this process: after a restart or
   * a rebalance the event gets the full count again.
   */
  readonly maxAttempts?: number;
  /** Backoff before the first retry and its cap, in milliseconds; defaults to 1000 and 30000. */
  readonly retryBackoff?: { readonly firstMs: number; readonly maxMs: number };
}

/** The running event consumer. */
export interface EventConsumer {
  /** Leaves the group within a few seconds; an event not yet handled is redelivered. */
  stop(): Promise<void>;
}

const FIRST_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 30_000;
/** Default handle calls of one failing event before it is dead-lettered: about 5 min of backoff (1 s … 30 s). */
export const DEFAULT_EVENT_MAX_ATTEMPTS = 15;

/** Backoff before the n-th retry of one event (n from 1), in milliseconds: 1 s doubling to 30 s. */
export function eventRetryDelayMs(
  failures: number,
  firstMs = FIRST_BACKOFF_MS,
  maxMs = MAX_BACKOFF_MS,
): number {
  return Math.min(firstMs * 2 ** Math.max(0, failures - 1), maxMs);
}

/** The topics an event consumer reads: its topic, then its replay topic if it has one. */
export function consumedTopics(
  options: Pick<EventConsumerOptions, 'topic' | 'replayTopic'>,
): string[] {
  return options.replayTopic === undefined ? [options.topic] : [options.topic, options.replayTopic];
}

function isPoison(error: unknown): boolean {
  // By code too: a second copy of this library in node_modules would fail instanceof.
  return (
    error instanceof PoisonMessageError ||
    (error instanceof Error && (error as { code?: unknown }).code === 'POISON_MESSAGE')
  );
}

/**
 * Starts consuming `topic` in group `groupId`, one event after the other per partition, committing each once
 * handled. A failing event pauses only its partition; the others go on.
 */
export async function startEventConsumer(options: EventConsumerOptions): Promise<EventConsumer> {
  const topics = consumedTopics(options);
  const basics = consumerBasics(options, topics);
  const { logger, metrics, knownTypes } = basics;
  // Failures per message still being retried; an entry per partition at most, removed once it is committed.
  const failures = new Map<string, number>();
  const maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_EVENT_MAX_ATTEMPTS));
  const backoff = options.retryBackoff ?? { firstMs: FIRST_BACKOFF_MS, maxMs: MAX_BACKOFF_MS };

  const deadLetter = (message: ConsumedMessage, reason: string): Promise<MessageStep> =>
    deadLetterPoison(
      { ...basics, publisher: options.publisher },
      options.deadLetterTopic,
      message,
      reason,
      'poison event dead-lettered',
    );

  const process = async (message: ConsumedMessage, signal: AbortSignal): Promise<MessageStep> => {
    const failureKey = `${message.topic}|${message.partition}|${message.offset}`;
    const type = message.headers[messageHeaders.type];
    if (type === undefined || type === '') {
      failures.delete(failureKey);
      return deadLetter(message, `poison: missing header ${messageHeaders.type}`);
    }
    if (!knownTypes.has(type)) {
      failures.delete(failureKey);
      return deadLetter(message, `poison: unknown type ${type}`);
    }
    const event: IncomingEvent = {
      key: message.key,
      type,
      value: message.value,
      headers: message.headers,
    };
    let failure: unknown;
    try {
      await inProcessSpan(message, () => options.handle(event, signal));
      failures.delete(failureKey);
      metrics.message(message.topic, 'done');
      return { kind: 'commit' };
    } catch (error: unknown) {
      failure = error;
    }
    if (isPoison(failure)) {
      failures.delete(failureKey);
      return deadLetter(message, `poison: ${describeError(failure).message}`);
    }
    if (signal.aborted) return { kind: 'leave' };
    const count = (failures.get(failureKey) ?? 0) + 1;
    if (count >= maxAttempts) {
      // Published first: a failed publish throws, the offset stays uncommitted and the count is kept.
      await options.publisher.publish(options.deadLetterTopic, [
        deadLetterMessage(
          message,
          `retries exhausted after ${count} attempts: ${describeError(failure).message}`,
          Date.now(),
          {
            attempt: count,
            error: failure,
          },
        ),
      ]);
      failures.delete(failureKey);
      metrics.message(message.topic, 'dead');
      metrics.deadLetter(message.topic, 'retries exhausted');
      logger.warn(
        {
          topic: message.topic,
          partition: message.partition,
          offset: message.offset,
          attempts: count,
          err: describeError(failure),
        },
        'event handler kept failing; retries exhausted, dead-lettered',
      );
      return { kind: 'commit' };
    }
    failures.set(failureKey, count);
    const delayMs = eventRetryDelayMs(count, backoff.firstMs, backoff.maxMs);
    metrics.message(message.topic, 'retry');
    logger.warn(
      {
        topic: message.topic,
        partition: message.partition,
        offset: message.offset,
        failures: count,
        retryInMs: delayMs,
        err: describeError(failure),
      },
      'event handler failed; retrying the same event',
    );
    return { kind: 'wait', untilMs: Date.now() + delayMs };
  };

  const consumer = await startPartitionConsumer({
    client: options.client,
    groupId: options.groupId,
    topics,
    logger,
    process,
  });
  return { stop: () => consumer.stop() };
}
