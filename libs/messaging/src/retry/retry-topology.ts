import { MessagingError } from '../kafka/messaging-error';

/** One retry tier: messages on `topic` wait `delayMs` after their failure before they are handled again. */
export interface RetryTier {
  /** The delay as written in the configuration, e.g. "5s"; names the topic and the consumer group. */
  readonly label: string;
  /** Delay of this tier, in milliseconds. */
  readonly delayMs: number;
  readonly topic: string;
}

/** The tier topics and dead-letter topic of one kind of work item, e.g. "payments". */
export interface RetryTopology {
  readonly name: string;
  /** Tiers in the order a failing item moves through them. */
  readonly tiers: readonly RetryTier[];
  /** `${prefix}${name}.dlt` */
  readonly deadLetterTopic: string;
  /** Every tier topic and the dead-letter topic, for ensureTopics. */
  readonly topics: readonly string[];
}

/** Options of {@link retryTopology}. */
export interface RetryTopologyOptions {
  readonly name: string;
  /** Comma list of delays with a unit each (ms, s, m or h), e.g. "5s,30s,5m,30m". */
  readonly delays: string;
  /** Prepended verbatim to every topic, e.g. "t123." in tests; defaults to "". */
  readonly topicPrefix?: string;
}

const DELAY = /^(\d+)(ms|s|m|h)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const TOPIC_NAME = /^[a-zA-Z0-9._-]+$/;

/** Parses one delay such as "30s" into milliseconds. */
export function parseDelay(text: string): number {
  const match = DELAY.exec(text);
  if (match === null) {
    throw new MessagingError(
      'MESSAGING_INVALID_OPTIONS',
      `invalid retry delay "${text}": expected a whole number with unit ms, s, m or h, e.g. "30s"`,
    );
  }
  const unit = match[2] as keyof typeof UNIT_MS;
  const delayMs = Number(match[1]) * UNIT_MS[unit];
  if (delayMs <= 0) {
    throw new MessagingError('MESSAGING_INVALID_OPTIONS', `retry delay "${text}" must be positive`);
  }
  return delayMs;
}

/** Builds the topics of a retry topology: `${prefix}${name}.retry.${label}` per tier and `${prefix}${name}.dlt`. */
export function retryTopology(options: RetryTopologyOptions): RetryTopology {
  const prefix = options.topicPrefix ?? '';
  const base = `${prefix}${options.name}`;
  const labels = options.delays
    .split(',')
    .map((label) => label.trim())
    .filter((label) => label !== '');
  if (labels.length === 0) {
    throw new MessagingError(
      'MESSAGING_INVALID_OPTIONS',
      'retry delays must list at least one delay',
    );
  }
  if (new Set(labels).size !== labels.length) {
    throw new MessagingError(
      'MESSAGING_INVALID_OPTIONS',
      `retry delays must be distinct: "${options.delays}"`,
    );
  }
  const tiers = labels.map((label) => ({
    label,
    delayMs: parseDelay(label),
    topic: `${base}.retry.${label}`,
  }));
  const deadLetterTopic = `${base}.dlt`;
  const topics = [...tiers.map((tier) => tier.topic), deadLetterTopic];
  const invalid = topics.find((topic) => !TOPIC_NAME.test(topic) || topic.length > 249);
  if (invalid !== undefined) {
    throw new MessagingError('MESSAGING_INVALID_OPTIONS', `invalid topic name "${invalid}"`);
  }
  return { name: options.name, tiers, deadLetterTopic, topics };
}
