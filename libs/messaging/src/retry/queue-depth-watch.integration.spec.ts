import { retryTopology } from './retry-topology';
import { watchQueueDepths } from './queue-depth-watch';
import * as kit from '../testing/kafka-test-kit';
import { eventually } from '../testing/kafka-test-kit';

jest.setTimeout(30_000);

const topology = retryTopology({
  name: 'depths',
  delays: '1s,2s',
  topicPrefix: kit.uniqueTopicPrefix(),
});
const [first, second] = topology.tiers;

const kafka = kit.kafkaSpec('queue-depth-watch-spec');

beforeAll(async () => {
  await kafka.start();
  await kafka.topics(topology.topics);
});

afterAll(() => kafka.stop());

it('measures every tier and the DLT through one kept admin, and follows new messages', async () => {
  const watch = watchQueueDepths(kafka.client, topology, `${topology.name}.nobody`, {
    intervalMs: 200,
  });
  try {
    await eventually(() => watch.current().measuredAt !== undefined, 10_000);
    expect(watch.current().retryTopics).toEqual([
      { topic: first!.topic, depth: 0 },
      { topic: second!.topic, depth: 0 },
    ]);
    expect(watch.current().deadLetters).toBe(0);

    await kafka.publisher.publish(first!.topic, [
      { key: 'a', value: 'one' },
      { key: 'b', value: 'two' },
    ]);
    await kafka.publisher.publish(topology.deadLetterTopic, [{ key: 'c', value: 'dead' }]);
    await eventually(
      () => watch.current().retryTopics[0]?.depth === 2 && watch.current().deadLetters === 1,
      10_000,
    );
    expect(watch.current().retryTopics[1]).toEqual({ topic: second!.topic, depth: 0 });
  } finally {
    watch.stop();
  }
});
