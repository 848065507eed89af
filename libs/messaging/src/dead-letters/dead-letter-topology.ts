import { retryTopology, type RetryTopology } from '../retry/retry-topology';
import { eventDeadLetterTopology, type EventDeadLetterTopology } from './event-dead-letters';

/** Where a dead-letter topic's entries go back: a retry queue's first tier, or an event consumer's replay topic. */
export type DeadLetterTopology = RetryTopology | EventDeadLetterTopology;

/** A dead-letter queue as libs/topology declares it (DEAD_LETTER_QUEUES), described by shape only. */
export type DeclaredDeadLetterQueue =
  | { readonly kind: 'retry'; readonly queue: { readonly name: string; readonly delays: string } }
  | {
      readonly kind: 'events';
      readonly queue: {
        readonly name: string;
        readonly deadLetterTopic: string;
        readonly replayTopic: string;
      };
    };

/** Options of {@link deadLetterTopology}. */
export interface DeadLetterTopologyOptions {
  /** Prepended verbatim to every topic; defaults to "". */
  readonly topicPrefix?: string;
  /** A retry queue's tier delays as configured (e.g. GAARA_PAYMENT_RETRY_DELAYS); defaults to the declared ones. */
  readonly delays?: string;
}

/**
 * The topics of a declared dead-letter queue under a prefix.
 * @throws MessagingError MESSAGING_INVALID_OPTIONS for bad delays or topic names
 */
export function deadLetterTopology(
  declared: DeclaredDeadLetterQueue,
  options: DeadLetterTopologyOptions = {},
): DeadLetterTopology {
  const topicPrefix = options.topicPrefix ?? '';
  if (declared.kind === 'events')
    return eventDeadLetterTopology({ ...declared.queue, topicPrefix });
  const delays = options.delays ?? declared.queue.delays;
  return retryTopology({ name: declared.queue.name, delays, topicPrefix });
}

/** Whether `topology` is an event consumer's (replayed onto its replay topic) rather than a retry queue's. */
export function isEventDeadLetters(
  topology: DeadLetterTopology,
): topology is EventDeadLetterTopology {
  return 'replayTopic' in topology;
}
