import { startEventConsumer, type EventConsumer, type IncomingEvent } from './event-consumer';
import { PoisonMessageError } from './poison-message-error';
import { messageHeaders } from '../retry/retry-headers';
import * as kit from '../testing/kafka-test-kit';
import { eventually, type TopicRecorder } from '../testing/kafka-test-kit';
import { testMeter } from '../testing/test-metrics';

jest.setTimeout(30_000);

const TYPE = 'gaara.test.v1.PaymentEvent';
const prefix = kit.uniqueTopicPrefix();
const topic = `${prefix}payments.events`;
const deadLetterTopic = `${prefix}payments.events.dlt`;

const kafka = kit.kafkaSpec('event-consumer-spec');
const { publisher } = kafka;
let recorder: TopicRecorder;
let consumer: EventConsumer;
const metrics = testMeter();
const handled: { key: string | undefined; value: string; at: number }[] = [];
const failuresLeft = new Map<string, number>([
  ['flaky', 2],
  ['hopeless', Number.POSITIVE_INFINITY],
]);

const handle = (event: IncomingEvent): Promise<void> => {
  handled.push({ key: event.key, value: event.value, at: Date.now() });
  if (event.value === 'poison') return Promise.reject(new PoisonMessageError('not a PaymentEvent'));
  const left = failuresLeft.get(event.value) ?? 0;
  if (left > 0) {
    failuresLeft.set(event.value, left - 1);
    return Promise.reject(new Error('invoice service unavailable'));
  }
  return Promise.resolve();
};

beforeAll(async () => {
  await kafka.start();
  await kafka.topics([topic]);
  recorder = await kafka.record([deadLetterTopic]);
  consumer = await startEventConsumer({
    client: kafka.client,
    publisher,
    groupId: `${prefix}invoice.payments-events`,
    topic,
    deadLetterTopic,
    types: [TYPE],
    handle,
    meter: metrics.meter,
    maxAttempts: 4,
    retryBackoff: { firstMs: 1000, maxMs: 2000 },
  });
});

afterAll(async () => {
  await consumer.stop();
  await kafka.stop();
});

it('retries a failing event after a backoff and never skips it', async () => {
  const headers = { [messageHeaders.type]: TYPE };
  // One key, one partition: "after" may only be handled once "flaky" succeeded.
  await publisher.publish(topic, [
    { key: 'invoice-1', value: 'flaky', headers },
    { key: 'invoice-1', value: 'after', headers },
  ]);

  await eventually(() => handled.some((h) => h.value === 'after'), 10_000);
  const sequence = handled.filter((h) => h.key === 'invoice-1');
  expect(sequence.map((h) => h.value)).toEqual(['flaky', 'flaky', 'flaky', 'after']);
  // Backoff 1 s, then 2 s.
  expect(sequence[1]!.at - sequence[0]!.at).toBeGreaterThanOrEqual(1000);
  expect(sequence[2]!.at - sequence[1]!.at).toBeGreaterThanOrEqual(2000);
  // A later event of the partition handled: a redelivered "after" would have come before it.
  await publisher.publish(topic, [{ key: 'invoice-1', value: 'later', headers }]);
  await eventually(() => handled.some((h) => h.value === 'later'), 10_000);
  expect(handled.filter((h) => h.value === 'after')).toHaveLength(1);
});

it('dead-letters an event whose handler throws PoisonMessageError, and an unknown type, at once', async () => {
  await publisher.publish(topic, [
    { key: 'invoice-2', value: 'poison', headers: { [messageHeaders.type]: TYPE } },
    { key: 'invoice-3', value: 'strange', headers: { [messageHeaders.type]: 'gaara.unknown' } },
    { key: 'invoice-2', value: 'next', headers: { [messageHeaders.type]: TYPE } },
  ]);

  await eventually(
    () => recorder.messages.length === 2 && handled.some((h) => h.value === 'next'),
    5000,
  );
  const byKey = new Map(recorder.messages.map((m) => [m.key, m]));
  expect(byKey.get('invoice-2')!.headers).toMatchObject({
    [messageHeaders.deadLetterReason]: 'poison: not a PaymentEvent',
    [messageHeaders.originalTopic]: topic,
  });
  expect(byKey.get('invoice-2')!.value).toBe('poison');
  expect(byKey.get('invoice-3')!.headers[messageHeaders.deadLetterReason]).toBe(
    'poison: unknown type gaara.unknown',
  );
  expect(handled.filter((h) => h.value === 'poison')).toHaveLength(1);
  expect(handled.some((h) => h.value === 'strange')).toBe(false);
});

it('dead-letters an event that fails maxAttempts times with its last error, counts it and goes on', async () => {
  const headers = { [messageHeaders.type]: TYPE };
  await publisher.publish(topic, [
    { key: 'invoice-4', value: 'hopeless', headers },
    { key: 'invoice-4', value: 'behind', headers },
  ]);

  await eventually(
    () =>
      recorder.messages.some((m) => m.key === 'invoice-4') &&
      handled.some((h) => h.value === 'behind'),
    15_000,
  );
  expect(handled.filter((h) => h.value === 'hopeless')).toHaveLength(4);
  const entry = recorder.messages.find((m) => m.key === 'invoice-4')!;
  expect(entry.value).toBe('hopeless');
  expect(entry.headers).toMatchObject({
    [messageHeaders.deadLetterReason]:
      'retries exhausted after 4 attempts: invoice service unavailable',
    [messageHeaders.originalTopic]: topic,
    [messageHeaders.attempt]: '4',
    [messageHeaders.lastErrorMessage]: 'invoice service unavailable',
  });
  expect(
    await metrics.counter('messaging_dead_letters_total', { topic, reason: 'retries exhausted' }),
  ).toBe(1);
  expect(await metrics.counter('messaging_dead_letters_total', { topic, reason: 'poison' })).toBe(
    2,
  );
});
