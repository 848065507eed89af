import type { KafkaMessage } from 'kafkajs';

/** A message as the consumers of this library see it: strings only. */
export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | undefined;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Kafka timestamp, epoch milliseconds as a string. */
  readonly timestamp: string;
}

/** Decodes a kafkajs message (Buffers, header arrays) into a ConsumedMessage. */
export function toConsumedMessage(
  topic: string,
  partition: number,
  message: KafkaMessage,
): ConsumedMessage {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(message.headers ?? {})) {
    // Repeated headers arrive as arrays; the last one wins, as with a plain map.
    const value = Array.isArray(raw) ? raw.at(-1) : raw;
    if (value !== undefined) headers[name] = value.toString();
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? undefined : message.key.toString(),
    value: message.value === null ? '' : message.value.toString(),
    headers,
    timestamp: message.timestamp,
  };
}
