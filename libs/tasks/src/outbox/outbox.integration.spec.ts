import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import { dropSchema, eventually, testDatabaseUrl, uniqueSchemaName } from '@gaara/db/testing';
import type { Publisher } from '@gaara/messaging';
import { delay, kafkaSpec, uniqueTopicPrefix, type TopicRecorder } from '@gaara/messaging/testing';
import { enqueueOutbox } from './outbox-enqueue';
import { outboxMigration } from './outbox-migration';
import { startOutboxRelay, type OutboxRelay } from './outbox-relay';

jest.setTimeout(30_000);

const spans = new InMemorySpanExporter();
const prefix = uniqueTopicPrefix();
const topics = { a: `${prefix}outbox.a`, b: `${prefix}outbox.b` };
const schema = uniqueSchemaName('messaging_outbox');

const kafka = kafkaSpec('outbox-spec');
const { publisher } = kafka;
let db: Knex;
let recorder: TopicRecorder;
const relays: OutboxRelay[] = [];

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(
    new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }),
  );
  db = createDatabase({ url: testDatabaseUrl(), schema, pool: { min: 0, max: 6 } });
  await runMigrations(db, { schema, migrations: [outboxMigration()] });
  await kafka.start();
  recorder = await kafka.record(Object.values(topics));
});

afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
});

afterAll(async () => {
  await kafka.stop();
  await dropSchema(db, schema);
  await db.destroy();
  trace.disable();
  propagation.disable();
  context.disable();
});

function relay(options: { publisher?: Publisher; batchSize?: number } = {}): OutboxRelay {
  const started = startOutboxRelay({
    db,
    publisher: options.publisher ?? publisher,
    pollIntervalMs: 50,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  relays.push(started);
  return started;
}

const remainingRows = async (): Promise<number> =>
  Number((await db('outbox').count<{ count: string }[]>({ count: '*' }))[0]!.count);

it('publishes committed rows once, in order, and deletes them; rolled-back rows never', async () => {
  await db
    .transaction(async (trx) => {
      await enqueueOutbox(trx, [{ topic: topics.a, key: 'k', value: 'rolled-back' }]);
      throw new Error('business rule failed');
    })
    .catch(() => undefined);
  await db.transaction((trx) =>
    enqueueOutbox(trx, [
      { topic: topics.a, key: 'k', value: 'first', headers: { 'gaara-type': 'x' } },
      { topic: topics.b, key: 'k', value: 'other topic' },
      { topic: topics.a, key: 'k', value: 'second' },
    ]),
  );
  relay().kick();

  await eventually(() => recorder.on(topics.a).length === 2 && recorder.on(topics.b).length === 1);
  expect(recorder.on(topics.a).map((m) => m.value)).toEqual(['first', 'second']);
  expect(recorder.on(topics.a)[0]!.headers['gaara-type']).toBe('x');
  await eventually(async () => (await remainingRows()) === 0);
  await delay(300);
  expect(recorder.messages.map((m) => m.value).sort()).toEqual(['first', 'other topic', 'second']);
});

it('publishes every row exactly once with two relays on one table', async () => {
  const values = Array.from({ length: 150 }, (_, i) => `row-${i}`);
  for (let i = 0; i < values.length; i += 30) {
    await db.transaction((trx) =>
      enqueueOutbox(
        trx,
        values.slice(i, i + 30).map((value) => ({ topic: topics.b, key: value, value })),
      ),
    );
  }
  relay({ batchSize: 10 });
  relay({ batchSize: 10 });

  const published = (): string[] =>
    recorder
      .on(topics.b)
      .map((m) => m.value)
      .filter((v) => v.startsWith('row-'));
  await eventually(() => published().length >= values.length, 15_000);
  await delay(500);
  expect(published().sort()).toEqual([...values].sort());
  await eventually(async () => (await remainingRows()) === 0);
});

it('keeps the rows when publishing fails and publishes them after a backoff', async () => {
  let failuresLeft = 2;
  const flaky: Publisher = {
    publish: async (topic, messages) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('broker unavailable');
      }
      await publisher.publish(topic, messages);
    },
    disconnect: () => Promise.resolve(),
  };
  await db.transaction((trx) => enqueueOutbox(trx, [{ topic: topics.a, value: 'after failures' }]));
  relay({ publisher: flaky }).kick();

  await eventually(() => recorder.on(topics.a).some((m) => m.value === 'after failures'), 5000);
  expect(failuresLeft).toBe(0);
  // The consumer may see the message before the relay's transaction committed the delete.
  await eventually(async () => (await remainingRows()) === 0);
  expect(recorder.on(topics.a).filter((m) => m.value === 'after failures')).toHaveLength(1);
});

it('carries the writer trace context to the consumer through the relay span', async () => {
  const writer = trace.getTracer('test').startSpan('checkout');
  await context.with(trace.setSpan(context.active(), writer), () =>
    db.transaction((trx) => enqueueOutbox(trx, [{ topic: topics.a, value: 'traced' }])),
  );
  writer.end();
  const stored = await db('outbox').first<{ headers: Record<string, string> }>('headers');
  expect(stored!.headers['traceparent']).toContain(writer.spanContext().spanId);
  relay().kick();

  await eventually(() => recorder.on(topics.a).some((m) => m.value === 'traced'));
  const received = recorder.on(topics.a).find((m) => m.value === 'traced')!;
  const relaySpan = spans
    .getFinishedSpans()
    .find(
      (s) =>
        s.name === `outbox relay ${topics.a}` &&
        s.spanContext().traceId === writer.spanContext().traceId,
    )!;
  expect(relaySpan).toBeDefined();
  expect(relaySpan.parentSpanContext?.spanId).toBe(writer.spanContext().spanId);
  // traceparent: version-traceId-parentSpanId-flags; the consumer's parent is the relay span.
  const [, traceId, parentSpanId] = received.headers['traceparent']!.split('-');
  expect(traceId).toBe(writer.spanContext().traceId);
  expect(parentSpanId).toBe(relaySpan.spanContext().spanId);
});

it('publishes a commit of this process at once, without a kick or the next poll', async () => {
  let idle = false;
  const started = startOutboxRelay({
    db,
    publisher,
    pollIntervalMs: 60_000,
    onIdle: () => {
      idle = true;
    },
  });
  relays.push(started);
  // The relay's first pass found the table empty and now sleeps for a minute.
  await eventually(() => idle);
  const committedAt = Date.now();
  await db.transaction((trx) =>
    enqueueOutbox(trx, [{ topic: topics.b, key: 'k', value: 'woken by the commit' }]),
  );
  await eventually(
    () => recorder.on(topics.b).some((m) => m.value === 'woken by the commit'),
    5000,
  );
  expect(Date.now() - committedAt).toBeLessThan(5000);
  await eventually(async () => (await remainingRows()) === 0);
});
