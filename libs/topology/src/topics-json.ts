import { declaredTopics, NOTIFICATIONS_QUEUE, PAYMENTS_QUEUE } from './retry-queues';

/** Path of the topic list, relative to the repository root. */
export const topicsJsonPath = 'infra/kafka/topics.json';

/** The text of infra/kafka/topics.json, generated from the declared topology. */
export function renderTopicsJson(): string {
  return `${JSON.stringify(
    {
      $comment: `Generated from libs/topology by npm run topology:generate; do not edit. Created (partitions raised, configs applied) by tools/stack and compose's kafka-topics. Retention in ms. Tiers: payments ${PAYMENTS_QUEUE.delays}; notifications ${NOTIFICATIONS_QUEUE.delays}.`,
      replicationFactor: 1,
      topics: declaredTopics(),
    },
    null,
    2,
  )}\n`;
}
