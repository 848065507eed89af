// The set-up a dead-letter replay spec shares: its own topics, the queue's dead-letter topology and a broker.
import { listDeadLetters, type DeadLetterEntry } from '../dead-letters/dead-letters';
import {
  deadLetterTopology,
  type DeadLetterTopology,
  type DeclaredDeadLetterQueue,
} from '../dead-letters/dead-letter-topology';
import { kafkaSpec, uniqueTopicPrefix, type KafkaSpec } from './kafka-test-kit';

/** The pieces of a replay spec file, made at its top (`kafka.start`/`stop` stay the spec's hooks). */
export interface ReplaySpec {
  /** Unique topic prefix of this spec file. */
  readonly prefix: string;
  /** The queue's dead-letter topology under `prefix`. */
  readonly dlt: DeadLetterTopology;
  readonly kafka: KafkaSpec;
  /** The entries of the dead-letter topic keyed `key`. */
  deadLettersOf(key: string): Promise<DeadLetterEntry[]>;
}

/** A {@link ReplaySpec} for the dead-letter queue `queue`, its broker client named `clientId`. */
export function replaySpec(queue: DeclaredDeadLetterQueue, clientId: string): ReplaySpec {
  const prefix = uniqueTopicPrefix();
  const dlt = deadLetterTopology(queue, { topicPrefix: prefix });
  const kafka = kafkaSpec(clientId);
  return {
    prefix,
    dlt,
    kafka,
    deadLettersOf: async (key) =>
      (await listDeadLetters(kafka.client, dlt)).filter((entry) => entry.key === key),
  };
}
