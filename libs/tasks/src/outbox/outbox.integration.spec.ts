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
import { kafkaSpec, uniqueTopicPrefix, type TopicRecorder } from '@gaara/messaging/testing';
import { enqueueOutbox } from './outbox-enqueue';
import { isRowSpecificPublishError } from './outbox-failure';
import { outboxMigration, outboxQuarantineMigration } from './outbox-migration';
import { countQuarantinedOutboxRows, listQuarantinedOutboxRows } from './outbox-quarantine';
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
  await runMigrations(db, { schema, migrations: [outboxMigration(), outboxQuarantineMigration()] });
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

function relay(
  options: { publisher?: Publisher; batchSize?: number; onIdle?: () => void } = {},
): OutboxRelay {
  const started = startOutboxRelay({
    db,
    publisher: options.publisher ?? publisher,
    pollIntervalMs: 50,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.onIdle === undefined ? {} : { onIdle: options.onIdle }),
  });
  relays.push(started);
  return started;
}

/** Stops the relays (nothing more can be published), then waits until every published message was recorded. */
async function stopRelaysAndDrain(): Promise<void> {
  await Promise.all(relays.splice(0).map((started) => started.stop()));
  await eventually(
    async () => (await recorder.hasAllOf(topics.a)) && (await recorder.hasAllOf(topics.b)),
    10_000,
  );
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
  await stopRelaysAndDrain();
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
  await eventually(async () => (await remainingRows()) === 0);
  await stopRelaysAndDrain();
  expect(published().sort()).toEqual([...values].sort());
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

it('quarantines a row with malformed headers and publishes the good rows around it', async () => {
  const errors: { obj: object; msg: string }[] = [];
  await db.transaction((trx) =>
    enqueueOutbox(trx, [{ topic: topics.a, key: 'q', value: 'good before' }]),
  );
  // A jsonb string, not an object: what a writer bypassing enqueueOutbox (or a bad backfill) can leave.
  await db('outbox').insert({
    topic: topics.a,
    key: 'q',
    value: 'malformed',
    headers: db.raw(`'"not an object"'::jsonb`),
  });
  await db.transaction((trx) =>
    enqueueOutbox(trx, [{ topic: topics.a, key: 'q', value: 'good after' }]),
  );
  relays.push(
    startOutboxRelay({
      db,
      publisher,
      pollIntervalMs: 50,
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: (obj, msg) => errors.push({ obj, msg }),
      },
    }),
  );

  try {
    const values = (): string[] => recorder.on(topics.a).map((m) => m.value);
    await eventually(() => values().includes('good after'), 10_000);
    // Same key, same partition, published in id order: the bad row would have arrived before 'good after'.
    expect(values().filter((v) => ['good before', 'malformed', 'good after'].includes(v))).toEqual([
      'good before',
      'good after',
    ]);
    await eventually(async () => (await remainingRows()) === 1);
    expect(await countQuarantinedOutboxRows(db)).toBe(1);
    const [quarantined] = await listQuarantinedOutboxRows(db);
    expect(quarantined).toMatchObject({ topic: topics.a, key: 'q', value: 'malformed' });
    expect(quarantined!.failure).toMatch(/headers/);
    expect(errors.map((e) => e.msg)).toEqual([expect.stringContaining('quarantined')]);
    expect(errors[0]!.obj).toMatchObject({ rowId: quarantined!.id, reason: quarantined!.failure });
  } finally {
    // Whatever the outcome, later tests start from an empty outbox.
    await db('outbox').whereIn('value', ['good before', 'malformed', 'good after']).delete();
  }
});

it('tells a topic Kafka rejects (row-specific) from a broker failure (transient)', async () => {
  const rejected = await publisher.publish('not a topic!', [{ value: 'x' }]).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(rejected).toBeDefined();
  expect(isRowSpecificPublishError(rejected)).toBe(true);
  expect(isRowSpecificPublishError(new Error('broker unavailable'))).toBe(false);
});

it('quarantines only the row Kafka rejects when a batch fails for it, and publishes its neighbours', async () => {
  // Stands in for a broker that refuses one message: a batch holding it goes to a topic Kafka rejects as invalid.
  const refusing: Publisher = {
    publish: (topic, messages) =>
      publisher.publish(
        messages.some((m) => m.value === 'refused') ? 'not a topic!' : topic,
        messages,
      ),
    disconnect: () => Promise.resolve(),
  };
  await db.transaction((trx) =>
    enqueueOutbox(trx, [
      { topic: topics.a, key: 'r', value: 'neighbour before' },
      { topic: topics.a, key: 'r', value: 'refused' },
      { topic: topics.a, key: 'r', value: 'neighbour after' },
    ]),
  );
  relay({ publisher: refusing }).kick();

  try {
    const values = (): string[] => recorder.on(topics.a).map((m) => m.value);
    await eventually(() => values().includes('neighbour after'), 10_000);
    expect(values().filter((v) => v.startsWith('neighbour'))).toEqual([
      'neighbour before',
      'neighbour after',
    ]);
    await eventually(async () => (await remainingRows()) === 1);
    const quarantined = await listQuarantinedOutboxRows(db);
    expect(quarantined).toEqual([
      expect.objectContaining({
        value: 'refused',
        failure: expect.stringContaining('INVALID_TOPIC_EXCEPTION'),
      }),
    ]);
  } finally {
    await db('outbox')
      .whereIn('value', ['neighbour before', 'refused', 'neighbour after'])
      .delete();
  }
});

it('holds no row lock and no pooled connection while a publish hangs, then deletes the row once', async () => {
  let publishes = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const hanging: Publisher = {
    publish: async (topic, messages) => {
      if (messages.some((m) => m.value === 'slow publish')) publishes += 1;
      await released;
      await publisher.publish(topic, messages);
    },
    disconnect: () => Promise.resolve(),
  };
  await db.transaction((trx) =>
    enqueueOutbox(trx, [{ topic: topics.b, key: 'slow', value: 'slow publish' }]),
  );
  relay({ publisher: hanging }).kick();

  try {
    await eventually(() => publishes === 1);
    // Read before this test's own queries take a connection: the relay holds none while it publishes.
    expect((db.client.pool as { numUsed(): number }).numUsed()).toBe(0);
    const locked = await db.transaction(
      async (trx) =>
        (
          await trx.raw<{ rows: unknown[] }>(
            'SELECT id FROM outbox WHERE value = ? FOR UPDATE NOWAIT',
            ['slow publish'],
          )
        ).rows,
    );
    expect(locked).toHaveLength(1);
    // The claim's lease keeps a second relay off the row: its pass finds nothing to publish.
    let idle = false;
    relay({
      onIdle: () => {
        idle = true;
      },
    });
    await eventually(() => idle);
    expect(recorder.on(topics.b).some((m) => m.value === 'slow publish')).toBe(false);
  } finally {
    release();
  }

  await eventually(async () => (await remainingRows()) === 0);
  // A later message of the same key arrives after any copy of the slow one.
  await db.transaction((trx) =>
    enqueueOutbox(trx, [{ topic: topics.b, key: 'slow', value: 'after the slow one' }]),
  );
  await eventually(() => recorder.on(topics.b).some((m) => m.value === 'after the slow one'));
  expect(recorder.on(topics.b).filter((m) => m.value === 'slow publish')).toHaveLength(1);
  expect(publishes).toBe(1);
});

it("takes over rows whose lease ran out (a crashed relay's) and leaves rows under a live lease alone", async () => {
  await db.transaction((trx) =>
    enqueueOutbox(trx, [
      { topic: topics.a, key: 'crashed', value: 'lease ran out' },
      { topic: topics.a, key: 'live', value: 'lease still held' },
    ]),
  );
  await db('outbox')
    .where('value', 'lease ran out')
    .update({ claimed_until: db.raw(`now() - interval '1 second'`) });
  await db('outbox')
    .where('value', 'lease still held')
    .update({ claimed_until: db.raw(`now() + interval '1 hour'`) });
  let idlePasses = 0;
  relay({
    onIdle: () => {
      idlePasses += 1;
    },
  });

  try {
    await eventually(async () => (await remainingRows()) === 1);
    // A pass after the take-over: it found the live lease and left it.
    const passes = idlePasses;
    await eventually(() => idlePasses > passes);
    await eventually(() => recorder.on(topics.a).some((m) => m.value === 'lease ran out'));
    expect(recorder.on(topics.a).some((m) => m.value === 'lease still held')).toBe(false);
    expect(await db('outbox').pluck('value')).toEqual(['lease still held']);
  } finally {
    await db('outbox').where('value', 'lease still held').delete();
  }
});

it('gives up a publish that outlasts its lease and publishes the rows again', async () => {
  let calls = 0;
  const firstHangs: Publisher = {
    publish: async (topic, messages) => {
      calls += 1;
      // The first call never settles, like a publish stuck on a dead connection.
      if (calls === 1) await new Promise<never>(() => undefined);
      await publisher.publish(topic, messages);
    },
    disconnect: () => Promise.resolve(),
  };
  await db.transaction((trx) =>
    enqueueOutbox(trx, [{ topic: topics.b, key: 'stuck', value: 'after a stuck publish' }]),
  );
  relays.push(
    startOutboxRelay({ db, publisher: firstHangs, pollIntervalMs: 50, claimLeaseMs: 500 }),
  );

  await eventually(
    () => recorder.on(topics.b).some((m) => m.value === 'after a stuck publish'),
    10_000,
  );
  expect(calls).toBe(2);
  await eventually(async () => (await remainingRows()) === 0);
});
