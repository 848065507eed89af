import { deadLetterTopology, type DeadLetterTopology } from '@gaara/messaging';
import {
  DEAD_LETTER_QUEUE_NAMES,
  DEAD_LETTER_QUEUES,
  type DeadLetterQueueName,
} from '@gaara/topology';
import { UnknownQueueError } from '../errors/gateway-errors';

/** The dead-letter queues operators may list and replay, as libs/topology declares them. */
export const queueNames: readonly DeadLetterQueueName[] = DEAD_LETTER_QUEUE_NAMES;
export type QueueName = DeadLetterQueueName;

/** Retry delays of each retry queue (comma list such as "5s,30s,5m,30m"), as the owning service reads them. */
export interface QueueDelays {
  readonly payments: string;
  readonly notifications: string;
}

/**
 * The topics of every queue: a retry queue's follow from its name, the delays and the prefix; an event
 * consumer's (invoice, catalog) from its declared dead-letter and replay topics and the prefix.
 */
export function queueTopologies(
  delays: QueueDelays,
  topicPrefix: string,
): Readonly<Record<QueueName, DeadLetterTopology>> {
  const configured: Partial<Record<QueueName, string>> = delays;
  return Object.fromEntries(
    queueNames.map((name) => [
      name,
      deadLetterTopology(DEAD_LETTER_QUEUES[name], { topicPrefix, delays: configured[name] }),
    ]),
  ) as Record<QueueName, DeadLetterTopology>; // every name mapped just above
}

/** @throws UnknownQueueError for a name that is not a queue */
export function queueNamed(name: string): QueueName {
  const found = queueNames.find((queue) => queue === name);
  if (found === undefined) throw new UnknownQueueError(name);
  return found;
}
