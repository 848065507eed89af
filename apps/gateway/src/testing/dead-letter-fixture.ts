import {
  connectPublisher,
  createMessagingClient,
  ensureTopics,
  listDeadLetters,
  messageHeaders,
  retryTopology,
  topicDepths,
  type MessagingClient,
  type RetryTopology,
} from '@gaara/messaging';

/** The payments queue of one test's topic prefix on the stack's real Kafka, with dead letters put there by hand. */
export interface DeadLetterFixture {
  readonly client: MessagingClient;
  readonly topology: RetryTopology;
  /** Publishes one dead-lettered ChargeTask straight onto payments.dlt; `fields` join its JSON value. */
  addDeadLetter(paymentId: string, fields?: Readonly<Record<string, unknown>>): Promise<void>;
  /** Messages on the first retry tier: where a replay puts an entry, so 0 proves nothing was replayed. */
  firstTierDepth(): Promise<number>;
  /** The values of the first retry tier's messages, as published (what a replay put there). */
  firstTierValues(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startDeadLetterFixture(
  brokers: readonly string[],
  topicPrefix: string,
  delays: string,
): Promise<DeadLetterFixture> {
  const client = createMessagingClient({ brokers, clientId: 'gateway-test' });
  const topology = retryTopology({ name: 'payments', delays, topicPrefix });
  await ensureTopics(client, topology.topics, { partitions: 1 });
  const publisher = await connectPublisher(client);
  return {
    client,
    topology,
    addDeadLetter: (paymentId, fields = {}) =>
      publisher.publish(topology.deadLetterTopic, [
        {
          key: paymentId,
          value: JSON.stringify({ paymentId, attemptsBefore: 4, ...fields }),
          headers: {
            [messageHeaders.type]: 'gaara.payment.v1.ChargeTask',
            [messageHeaders.attempt]: '4',
            [messageHeaders.originalTopic]: `${topicPrefix}payments.retry.2s`,
            [messageHeaders.firstFailureAt]: new Date().toISOString(),
            [messageHeaders.lastErrorClass]: 'PROVIDER_UNAVAILABLE',
            [messageHeaders.lastErrorMessage]: 'provider answered 503',
            [messageHeaders.dueAt]: String(Date.now()),
            [messageHeaders.tier]: '2s',
            [messageHeaders.deadLetterReason]: 'retries exhausted',
            [messageHeaders.deadLetteredAt]: new Date().toISOString(),
          },
        },
      ]),
    firstTierDepth: async () => {
      // A group that never committed: its depth is every message the tier holds.
      const depths = await topicDepths(client, topology, `never-committed-${topicPrefix}`);
      return depths.find((entry) => entry.topic === topology.tiers[0]?.topic)?.depth ?? 0;
    },
    firstTierValues: async () => {
      const tier = topology.tiers[0]?.topic ?? '';
      // The dead-letter reader reads any topic: pointed at the tier, it lists the tier's messages.
      const entries = await listDeadLetters(client, { ...topology, deadLetterTopic: tier });
      return entries.map((entry) => entry.value);
    },
    close: () => publisher.disconnect(),
  };
}
