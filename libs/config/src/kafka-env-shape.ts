import { list, milliseconds, string } from './env-var';

/**
 * The variables of a process that talks to Kafka: GAARA_KAFKA_BROKERS (the local stack's broker by default),
 * GAARA_KAFKA_TOPIC_PREFIX (prepended verbatim to every topic and consumer group; tests isolate runs with it,
 * empty in production) and GAARA_KAFKA_SESSION_TIMEOUT_MS (10000; the broker's minimum is 6000).
 */
export function kafkaEnvShape() {
  return {
    /** Bootstrap brokers, comma-separated host:port. */
    GAARA_KAFKA_BROKERS: list().default(['127.0.0.1:9092']),
    GAARA_KAFKA_TOPIC_PREFIX: string().default(''),
    /** A consumer silent this long leaves its group; after a crash its partitions wait this long, in ms (Kafka's
     * pre-3.0 default: a crashed invoice or payment consumer holds its partitions 10 s, not 30 or 45). */
    GAARA_KAFKA_SESSION_TIMEOUT_MS: milliseconds().default(10_000),
  };
}
