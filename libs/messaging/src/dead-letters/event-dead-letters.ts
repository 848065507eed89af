import { SpanKind } from '@opentelemetry/api';
import type { ConsumedMessage } from '../consumers/consumed-message';
import { MessagingError } from '../kafka/messaging-error';
import type { OutgoingMessage, Publisher } from '../kafka/publisher';
import { contextFromHeaders, inSpan, withActiveTraceContext } from '../kafka/trace-context';
import { messageHeaders } from '../retry/retry-headers';

/**
 * The dead letters of one event consumer: poison or exhausted events on `deadLetterTopic`, replayed onto
 * `replayTopic`, which that consumer's group alone reads (the event's own topic would reach every group).
 */
export interface EventDeadLetterTopology {
  readonly name: string;
  /** `${prefix}${name}.dlt` */
  readonly deadLetterTopic: string;
  /** `${prefix}${name}.replay` */
  readonly replayTopic: string;
  /** The dead-letter and the replay topic, for ensureTopics. */
  readonly topics: readonly string[];
}

/** Options of {@link eventDeadLetterTopology}: an event queue as libs/topology declares it, and the prefix. */
export interface EventDeadLetterTopologyOptions {
  readonly name: string;
  readonly deadLetterTopic: string;
  readonly replayTopic: string;
  /** Prepended verbatim to both topics, e.g. "t123." in tests; defaults to "". */
  readonly topicPrefix?: string;
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

/** The prefixed topics of an event consumer's dead letters. */
export function eventDeadLetterTopology(
  options: EventDeadLetterTopologyOptions,
): EventDeadLetterTopology {
  const prefix = options.topicPrefix ?? '';
  const deadLetterTopic = `${prefix}${options.deadLetterTopic}`;
  const replayTopic = `${prefix}${options.replayTopic}`;
  const invalid = [deadLetterTopic, replayTopic].find((topic) => !TOPIC_NAME.test(topic));
  if (invalid !== undefined) {
    throw new MessagingError('MESSAGING_INVALID_OPTIONS', `invalid topic name "${invalid}"`);
  }
  if (deadLetterTopic === replayTopic) {
    throw new MessagingError(
      'MESSAGING_INVALID_OPTIONS',
      'dead-letter and replay topic must differ',
    );
  }
  return {
    name: options.name,
    deadLetterTopic,
    replayTopic,
    topics: [deadLetterTopic, replayTopic],
  };
}

/** Headers the dead-lettering added (see deadLetterMessage); the original topic stays, to name it again. */
const deadLetterOnlyHeaders: readonly string[] = [
  messageHeaders.deadLetterReason,
  messageHeaders.deadLetteredAt,
  messageHeaders.attempt,
  messageHeaders.firstFailureAt,
  messageHeaders.lastErrorClass,
  messageHeaders.lastErrorMessage,
];

/**
 * The original event of a dead-letter entry: its key, value and headers (trace context included) without the
 * dead-letter headers, plus gaara-replayed-at. Outside any span the entry's traceparent is kept as it was.
 */
export function eventReplayMessage(message: ConsumedMessage, now: number): OutgoingMessage {
  const headers: Record<string, string> = { ...message.headers };
  for (const name of deadLetterOnlyHeaders) delete headers[name];
  headers[messageHeaders.replayedAt] = new Date(now).toISOString();
  // With a propagator registered the active span's context replaces the entry's; without one it stays.
  const traced = { ...headers, ...withActiveTraceContext(headers) };
  return message.key === undefined
    ? { value: message.value, headers: traced }
    : { key: message.key, value: message.value, headers: traced };
}

/**
 * Publishes the original events of `messages` onto the replay topic, one after the other (per key the order is
 * kept), each in an INTERNAL span `replay <dlt>` child of the event's own trace: its consumer continues that
 * trace, not the operator's request.
 */
export async function publishEventReplays(
  publisher: Publisher,
  topology: EventDeadLetterTopology,
  messages: readonly ConsumedMessage[],
  now: number,
): Promise<void> {
  for (const message of messages) {
    await inSpan(
      `replay ${topology.deadLetterTopic}`,
      contextFromHeaders(message.headers),
      SpanKind.INTERNAL,
      {
        'messaging.destination.name': topology.replayTopic,
        'messaging.kafka.offset': message.offset,
      },
      () => publisher.publish(topology.replayTopic, [eventReplayMessage(message, now)]),
    );
  }
}
