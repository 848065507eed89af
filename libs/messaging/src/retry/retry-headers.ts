import { describeError } from '../kafka/error-description';
import type { OutgoingMessage } from '../kafka/publisher';
import type { RetryTopology } from './retry-topology';

/** Names of the headers @gaara/messaging reads and writes; every value is a string. */
export const messageHeaders = {
  /** Payload type, e.g. "gaara.payment.v1.ChargeTask". */
  type: 'gaara-type',
  /** Failed attempts so far ("1" on the first tier, "0" after a replay). */
  attempt: 'gaara-attempt',
  /** Topic the work item was first handled from. */
  originalTopic: 'gaara-original-topic',
  /** ISO-8601 time of the first failure. */
  firstFailureAt: 'gaara-first-failure-at',
  /** Class name (and code) of the last error, sanitized. */
  lastErrorClass: 'gaara-last-error-class',
  /** Message of the last error, sanitized, at most 500 characters. */
  lastErrorMessage: 'gaara-last-error-message',
  /** Epoch milliseconds: the message is never handled before this. */
  dueAt: 'gaara-due-at',
  /** Label of the tier the message sits on. */
  tier: 'gaara-tier',
  /** On dead-letter entries: "retries exhausted", "poison: <why>" or the handler's reason. */
  deadLetterReason: 'gaara-dead-letter-reason',
  /** On dead-letter entries: ISO-8601 time it was dead-lettered. */
  deadLetteredAt: 'gaara-dead-lettered-at',
  /** On replayed messages: ISO-8601 time of the replay. */
  replayedAt: 'gaara-replayed-at',
  /** Times the item was deferred on its tier without using an attempt (absent = "0"); see WorkOutcome 'defer'. */
  deferrals: 'gaara-deferrals',
} as const;

/** The retry state a tier message carries in its headers. */
export interface RetryMetadata {
  readonly attempt: number;
  readonly originalTopic: string;
  readonly firstFailureAt: string;
  readonly lastErrorClass: string;
  readonly lastErrorMessage: string;
  /** Epoch milliseconds. */
  readonly dueAt: number;
  /** Deferrals of the item so far, all tiers together (0 when the header is absent). */
  readonly deferrals: number;
}

/** A work item that failed its first attempt, to put on the first tier. */
export interface FirstRetryItem {
  readonly key: string;
  /** Value of the gaara-type header. */
  readonly type: string;
  readonly value: string;
  readonly originalTopic: string;
  readonly error: unknown;
  /** Epoch milliseconds of the failure; defaults to Date.now(). */
  readonly now?: number;
}

/** The message that puts a work item on the FIRST tier after its first failure (apps write it through the outbox). */
export function firstRetryMessage(
  topology: RetryTopology,
  item: FirstRetryItem,
): { topic: string; message: OutgoingMessage } {
  const now = item.now ?? Date.now();
  const [first] = topology.tiers;
  if (first === undefined) throw new Error('a retry topology always has a tier');
  const error = describeError(item.error);
  return {
    topic: first.topic,
    message: {
      key: item.key,
      value: item.value,
      headers: {
        [messageHeaders.type]: item.type,
        [messageHeaders.attempt]: '1',
        [messageHeaders.originalTopic]: item.originalTopic,
        [messageHeaders.firstFailureAt]: new Date(now).toISOString(),
        [messageHeaders.lastErrorClass]: error.errorClass,
        [messageHeaders.lastErrorMessage]: error.message,
        [messageHeaders.dueAt]: String(now + first.delayMs),
        [messageHeaders.tier]: first.label,
      },
    },
  };
}
