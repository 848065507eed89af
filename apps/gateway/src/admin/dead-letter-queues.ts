import { retryTopology, type RetryTopology } from '@gaara/messaging';
import { UnknownQueueError } from '../errors/gateway-errors';
import { NOTIFICATIONS_QUEUE, PAYMENTS_QUEUE } from '@gaara/topology';

/** The dead-letter queues operators may list and replay. */
export const queueNames = ['payments', 'notifications'] as const;
export type QueueName = (typeof queueNames)[number];

/** Retry delays of each queue (comma list such as "5s,30s,5m,30m"), as the owning service reads them. */
export interface QueueDelays {
  readonly payments: string;
  readonly notifications: string;
}

/** The topologies of every queue; topic names follow from the name, the delays and the prefix. */
export function queueTopologies(
  delays: QueueDelays,
  topicPrefix: string,
): Readonly<Record<QueueName, RetryTopology>> {
  return {
    payments: retryTopology({ name: PAYMENTS_QUEUE.name, delays: delays.payments, topicPrefix }),
    notifications: retryTopology({
      name: NOTIFICATIONS_QUEUE.name,
      delays: delays.notifications,
      topicPrefix,
    }),
  };
}

/** @throws UnknownQueueError for a name that is not a queue */
export function queueNamed(name: string): QueueName {
  const found = queueNames.find((queue) => queue === name);
  if (found === undefined) throw new UnknownQueueError(name);
  return found;
}
