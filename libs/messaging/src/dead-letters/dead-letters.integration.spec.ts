import { deadLetterDepth, listDeadLetters, replayDeadLetters, topicDepths } from './dead-letters';
import { messageHeaders } from '../retry/retry-headers';
import { retryTopology } from '../retry/retry-topology';
import * as kit from '../testing/kafka-test-kit';
import { eventually, type TopicRecorder } from '../testing/kafka-test-kit';

jest.setTimeout(30_000);

const TYPE = 'gaara.test.v1.ChargeTask';
const topology = retryTopology({
  name: 'charges',
  delays: '1s,2s',
  topicPrefix: kit.uniqueTopicPrefix(),
});
const first = topology.tiers[0]!;

const kafka = kit.kafkaSpec('dead-letters-spec');
const { client, publisher } = kafka;
let recorder: TopicRecorder;

beforeAll(async () => {
  await kafka.start();
  await kafka.topics(topology.topics);
  recorder = await kafka.record([first.topic]);
});

afterAll(() => kafka.stop());

const deadHeaders = (key: string) => ({
  [messageHeaders.type]: TYPE,
  [messageHeaders.attempt]: '3',
  [messageHeaders.originalTopic]: 'payments.tasks',
  [messageHeaders.firstFailureAt]: '2026-01-01T00:00:00.000Z',
  [messageHeaders.lastErrorClass]: 'ProviderError',
  [messageHeaders.lastErrorMessage]: `declined ${key}`,
  [messageHeaders.dueAt]: '1',
  [messageHeaders.tier]: '2s',
  [messageHeaders.deadLetterReason]: 'retries exhausted',
  [messageHeaders.deadLetteredAt]: '2026-01-01T00:01:00.000Z',
});

it('lists nothing, promptly, when the dead-letter topic is empty', async () => {
  const started = Date.now();
  expect(await listDeadLetters(client, topology)).toEqual([]);
  expect(await deadLetterDepth(client, topology)).toBe(0);
  expect(Date.now() - started).toBeLessThan(3000);
});

it('lists, replays one, then replays all once', async () => {
  const keys = ['pay-1', 'pay-2', 'pay-3'];
  for (const key of keys) {
    await publisher.publish(topology.deadLetterTopic, [
      { key, value: `{"id":"${key}"}`, headers: deadHeaders(key) },
    ]);
  }

  const listed = await listDeadLetters(client, topology);
  expect(listed.map((e) => e.key)).toEqual(keys);
  expect(listed[0]).toMatchObject({
    topic: topology.deadLetterTopic,
    type: TYPE,
    value: '{"id":"pay-1"}',
    replayed: false,
  });
  expect(listed[0]!.headers[messageHeaders.deadLetterReason]).toBe('retries exhausted');
  expect(await listDeadLetters(client, topology, { limit: 2 })).toHaveLength(2);
  expect(await deadLetterDepth(client, topology)).toBe(3);

  const one = listed[1]!;
  const beforeReplay = Date.now();
  expect(
    await replayDeadLetters(client, publisher, topology, {
      partition: one.partition,
      offset: one.offset,
    }),
  ).toEqual({ replayed: 1 });
  await eventually(() => recorder.messages.length === 1);
  const replayed = recorder.messages[0]!;
  expect(replayed.key).toBe('pay-2');
  expect(replayed.value).toBe('{"id":"pay-2"}');
  expect(replayed.headers).toMatchObject({
    [messageHeaders.type]: TYPE,
    [messageHeaders.attempt]: '0',
    [messageHeaders.tier]: first.label,
    [messageHeaders.originalTopic]: 'payments.tasks',
    [messageHeaders.lastErrorMessage]: 'declined pay-2',
  });
  expect(replayed.headers[messageHeaders.deadLetterReason]).toBeUndefined();
  expect(Number(replayed.headers[messageHeaders.dueAt])).toBeGreaterThanOrEqual(
    beforeReplay + first.delayMs,
  );
  expect(Date.parse(replayed.headers[messageHeaders.replayedAt]!)).toBeGreaterThanOrEqual(
    beforeReplay,
  );

  expect(await replayDeadLetters(client, publisher, topology, { all: true })).toEqual({
    replayed: 3,
  });
  await eventually(() => recorder.messages.length === 4);
  expect(await deadLetterDepth(client, topology)).toBe(0);
  expect((await listDeadLetters(client, topology)).map((e) => e.replayed)).toEqual([
    true,
    true,
    true,
  ]);
  expect(await replayDeadLetters(client, publisher, topology, { all: true })).toEqual({
    replayed: 0,
  });
  expect(
    await replayDeadLetters(client, publisher, topology, {
      partition: one.partition,
      offset: '999',
    }),
  ).toEqual({ replayed: 0 });

  // Nobody consumes the first tier here: its depth is everything replayed onto it.
  expect(await topicDepths(client, topology, `${topology.name}.nobody`)).toEqual([
    { topic: first.topic, depth: 4 },
    { topic: topology.tiers[1]!.topic, depth: 0 },
  ]);
});

it('leaves the entries its admit check refuses on the topic, with the reason, and replays the rest', async () => {
  const guarded = retryTopology({
    name: 'guarded',
    delays: '1s',
    topicPrefix: kit.uniqueTopicPrefix(),
  });
  await kafka.topics(guarded.topics);
  const guardedRecorder = await kafka.record([guarded.tiers[0]!.topic]);
  for (const key of ['ok-1', 'gone-1', 'ok-2']) {
    await publisher.publish(guarded.deadLetterTopic, [
      { key, value: `{"id":"${key}"}`, headers: deadHeaders(key) },
    ]);
  }
  const admit = async (entry: { key: string | undefined }) =>
    entry.key?.startsWith('gone') ? `stock gone for ${entry.key}` : undefined;

  const all = await replayDeadLetters(client, publisher, guarded, { all: true }, { admit });
  expect(all.replayed).toBe(2);
  expect(all.refused).toEqual([
    { partition: expect.any(Number), offset: expect.any(String), reason: 'stock gone for gone-1' },
  ]);
  await eventually(() => guardedRecorder.messages.length === 2);
  expect(guardedRecorder.messages.map((m) => m.key).sort()).toEqual(['ok-1', 'ok-2']);

  const [refused] = all.refused!;
  const again = await replayDeadLetters(client, publisher, guarded, refused!, { admit });
  expect(again).toEqual({
    replayed: 0,
    refused: [{ ...refused, reason: 'stock gone for gone-1' }],
  });
  expect(await replayDeadLetters(client, publisher, guarded, refused!)).toEqual({ replayed: 1 });
  await eventually(() => guardedRecorder.messages.length === 3);
});
