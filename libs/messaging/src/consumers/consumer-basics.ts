import { SpanKind, type Meter } from '@opentelemetry/api';
import type { ConsumedMessage } from './consumed-message';
import type { MessagingClient, MessagingLogger } from '../kafka/kafka-client';
import { silentLogger } from '../kafka/messaging-logger';
import { MessagingMetrics } from '../kafka/messaging-metrics';
import type { MessageStep } from './partition-consumer';
import type { Publisher } from '../kafka/publisher';
import { deadLetterMessage } from '../retry/retry-messages';
import { contextFromHeaders, inSpan } from '../kafka/trace-context';

/** Options every consumer of this library (event consumer, retry tiers) is started with. */
export interface ConsumerOptions {
  readonly client: MessagingClient;
  /** Known gaara-type values; a message of another type (or of none) goes to the dead-letter topic at once. */
  readonly types: readonly string[];
  readonly logger?: MessagingLogger;
  /** Records the messaging_* metrics when given. */
  readonly meter?: Meter;
}

/** What a consumer works with while it processes messages: its logger, metrics and known types. */
export interface ConsumerBasics {
  readonly logger: MessagingLogger;
  readonly metrics: MessagingMetrics;
  readonly knownTypes: ReadonlySet<string>;
}

/**
 * The logger (silent when none is given), the metrics (no-op without a meter; the dead-letter series of
 * `topics`, the ones consumed, start at 0) and the known types of `options`.
 */
export function consumerBasics(
  options: ConsumerOptions,
  topics: readonly string[],
): ConsumerBasics {
  const metrics = new MessagingMetrics(options.meter);
  metrics.startAtZero(topics);
  return { logger: options.logger ?? silentLogger, metrics, knownTypes: new Set(options.types) };
}

/**
 * Moves a message that can never be handled (poison) to `deadLetterTopic` with `reason`, counts and logs it
 * (`logLine`), and answers 'commit'. A failed publish throws, so the offset stays uncommitted.
 */
export async function deadLetterPoison(
  deps: Pick<ConsumerBasics, 'logger' | 'metrics'> & { readonly publisher: Publisher },
  deadLetterTopic: string,
  message: ConsumedMessage,
  reason: string,
  logLine: string,
): Promise<MessageStep> {
  await deps.publisher.publish(deadLetterTopic, [deadLetterMessage(message, reason, Date.now())]);
  deps.metrics.message(message.topic, 'poison');
  deps.metrics.deadLetter(message.topic, 'poison');
  deps.logger.warn(
    { topic: message.topic, partition: message.partition, offset: message.offset, reason },
    logLine,
  );
  return { kind: 'commit' };
}

/** Runs `work` in the CONSUMER span `process <topic>`, child of the message's trace context. */
export function inProcessSpan<T>(
  message: ConsumedMessage,
  work: () => Promise<T>,
  attributes: Record<string, string | number> = {},
): Promise<T> {
  return inSpan(
    `process ${message.topic}`,
    contextFromHeaders(message.headers),
    SpanKind.CONSUMER,
    {
      'messaging.system': 'kafka',
      'messaging.destination.name': message.topic,
      'messaging.kafka.offset': message.offset,
      ...attributes,
    },
    work,
  );
}
