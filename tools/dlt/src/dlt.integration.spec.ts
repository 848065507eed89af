import { randomBytes, randomUUID } from 'node:crypto';
import {
  connectPublisher,
  createMessagingClient,
  ensureTopics,
  isEventDeadLetters,
  messageHeaders,
  startEventConsumerWithPublisher,
  type Publisher,
} from '@gaara/messaging';
import { eventually } from '@gaara/messaging/testing';
import { DEAD_LETTER_QUEUES, PAYMENT_EVENTS_TOPIC } from '@gaara/topology';
import { topologyOf, loadDltEnv } from './dlt-env';
import { exitCodes, runDlt } from './run-dlt';

// Real Kafka (the stack's broker) under a topic prefix of this run alone.
jest.setTimeout(120_000);

/** gaara-type of payments.events (the PaymentEvent's protobuf type name). */
const paymentEventType = 'gaara.payment.v1.PaymentEvent';

const env = {
  GAARA_KAFKA_BROKERS: process.env['GAARA_KAFKA_BROKERS'] ?? '127.0.0.1:9092',
  GAARA_KAFKA_TOPIC_PREFIX: `dlt${process.pid}x${Date.now().toString(36)}.`,
  GAARA_NOTIFICATION_RETRY_DELAYS: '1s,2s',
};

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDlt(argv, env, {
    out: (line) => void out.push(line),
    err: (line) => void err.push(line),
  });
  return { code, out: out.map((line) => JSON.parse(line) as Record<string, unknown>), err };
}

describe('dlt CLI against real Kafka', () => {
  const config = loadDltEnv(env);
  const topology = topologyOf('notifications', config);
  if (isEventDeadLetters(topology)) throw new Error('notifications is a retry queue');
  const client = createMessagingClient({
    brokers: config.GAARA_KAFKA_BROKERS,
    clientId: 'dlt-test',
  });
  let publisher: Publisher;

  beforeAll(async () => {
    await ensureTopics(client, topology.topics, { partitions: 1 });
    publisher = await connectPublisher(client);
    await publisher.publish(topology.deadLetterTopic, [
      {
        key: 'ntf-1',
        value: JSON.stringify({ notificationId: 'ntf-1', attemptsBefore: 2 }),
        headers: {
          [messageHeaders.type]: 'gaara.notification.v1.EmailTask',
          [messageHeaders.attempt]: '2',
          [messageHeaders.originalTopic]: topology.tiers[1]?.topic ?? '',
          [messageHeaders.firstFailureAt]: new Date().toISOString(),
          [messageHeaders.lastErrorClass]: 'SMTP_TRANSIENT',
          [messageHeaders.lastErrorMessage]: '451 try again later',
          [messageHeaders.dueAt]: String(Date.now()),
          [messageHeaders.tier]: '2s',
          [messageHeaders.deadLetterReason]: 'retries exhausted',
          [messageHeaders.deadLetteredAt]: new Date().toISOString(),
        },
      },
    ]);
  });
  afterAll(() => publisher.disconnect());

  it('lists the entry, replays it by position, then "all" replays it once', async () => {
    const listed = await run(['list', 'notifications', '--limit', '10']);
    expect(listed.code).toBe(exitCodes.ok);
    expect(listed.out).toEqual([
      expect.objectContaining({
        topic: topology.deadLetterTopic,
        partition: 0,
        offset: '0',
        key: 'ntf-1',
        type: 'gaara.notification.v1.EmailTask',
        replayed: false,
        headers: expect.objectContaining({ 'gaara-dead-letter-reason': 'retries exhausted' }),
      }),
    ]);

    const one = await run(['replay', 'notifications', '--entry', '0:0']);
    expect(one).toMatchObject({
      code: exitCodes.ok,
      out: [{ queue: 'notifications', replayed: 1 }],
    });

    const all = await run(['replay', 'notifications', '--all']);
    expect(all.out).toEqual([{ queue: 'notifications', replayed: 1 }]);
    const again = await run(['replay', 'notifications', '--all']);
    expect(again.out).toEqual([{ queue: 'notifications', replayed: 0 }]);

    const after = await run(['list', 'notifications']);
    expect(after.out).toEqual([expect.objectContaining({ offset: '0', replayed: true })]);
  });
});

/** What a consumer group handled: the event's key, value and headers. */
interface Handled {
  readonly key: string | undefined;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

describe.each(['invoice', 'catalog'] as const)(
  'dlt CLI over %s.dlt (an event consumer) against real Kafka',
  (queue) => {
    const prefix = `dltev${process.pid}${queue}x${Date.now().toString(36)}.`;
    const queueEnv = { ...env, GAARA_KAFKA_TOPIC_PREFIX: prefix };
    const declared = DEAD_LETTER_QUEUES[queue].queue;
    const topology = topologyOf(queue, loadDltEnv(queueEnv));
    const eventsTopic = `${prefix}${PAYMENT_EVENTS_TOPIC}`;
    const client = createMessagingClient({
      brokers: loadDltEnv(queueEnv).GAARA_KAFKA_BROKERS,
      clientId: `dlt-test-${queue}`,
    });
    const invoiceId = randomUUID();
    const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
    const value = JSON.stringify({
      eventId: `pay-${invoiceId}:PAYMENT_STATUS_SUCCEEDED`,
      paymentId: `pay-${invoiceId}`,
      invoiceId,
      status: 'PAYMENT_STATUS_SUCCEEDED',
      receiptEmail: 'ada@example.com',
    });
    /** Per group, what it handled: the owner (its declared group, topic and replay topic) and notification's. */
    const owner: Handled[] = [];
    const notification: Handled[] = [];
    const consumers: { stop(): Promise<void> }[] = [];
    let publisher: Publisher;

    const runQueue = async (argv: string[]) => {
      const out: string[] = [];
      const code = await runDlt(argv, queueEnv, {
        out: (line) => void out.push(line),
        err: () => undefined,
      });
      return { code, out: out.map((line) => JSON.parse(line) as Record<string, unknown>) };
    };
    const consumer = (groupId: string, replayTopic: string | undefined, seen: Handled[]) =>
      startEventConsumerWithPublisher({
        client,
        groupId,
        topic: eventsTopic,
        deadLetterTopic: topology.deadLetterTopic,
        ...(replayTopic === undefined ? {} : { replayTopic }),
        types: [paymentEventType],
        handle: (event) => {
          seen.push({ key: event.key, value: event.value, headers: event.headers });
          return Promise.resolve();
        },
      });

    beforeAll(async () => {
      if (!isEventDeadLetters(topology)) throw new Error(`${queue} is an event queue`);
      await ensureTopics(client, [eventsTopic, ...topology.topics], { partitions: 1 });
      publisher = await connectPublisher(client);
      // As the event consumer dead-letters an event whose handler kept failing (e.g. its database was down).
      await publisher.publish(topology.deadLetterTopic, [
        {
          key: invoiceId,
          value,
          headers: {
            [messageHeaders.type]: paymentEventType,
            traceparent,
            [messageHeaders.originalTopic]: eventsTopic,
            [messageHeaders.attempt]: '15',
            [messageHeaders.firstFailureAt]: new Date().toISOString(),
            [messageHeaders.lastErrorClass]: 'DATABASE_UNAVAILABLE',
            [messageHeaders.lastErrorMessage]: 'connection refused',
            [messageHeaders.deadLetterReason]:
              'retries exhausted after 15 attempts: connection refused',
            [messageHeaders.deadLetteredAt]: new Date().toISOString(),
          },
        },
      ]);
      consumers.push(
        await consumer(`${prefix}${declared.groupId}`, topology.replayTopic, owner),
        // Notification's group reads payments.events too, but no replay topic of another service.
        await consumer(`${prefix}notification.payments-events`, undefined, notification),
      );
    });
    afterAll(async () => {
      for (const running of consumers) await running.stop();
      await publisher?.disconnect();
    });

    it('lists the entry, replays it to its own consumer only, as the original event; "all" once', async () => {
      const listed = await runQueue(['list', queue]);
      expect(listed).toEqual({
        code: exitCodes.ok,
        out: [
          expect.objectContaining({
            topic: `${prefix}${queue}.dlt`,
            partition: 0,
            offset: '0',
            key: invoiceId,
            type: paymentEventType,
            value,
            replayed: false,
            headers: expect.objectContaining({
              'gaara-dead-letter-reason': expect.stringMatching(/^retries exhausted/),
            }),
          }),
        ],
      });

      expect(await runQueue(['replay', queue, '--entry', '0:0'])).toEqual({
        code: exitCodes.ok,
        out: [{ queue, replayed: 1 }],
      });
      await eventually(() => owner.length === 1, 45_000);
      const [replayed] = owner;
      expect(replayed).toMatchObject({ key: invoiceId, value });
      expect(replayed?.headers).toMatchObject({
        [messageHeaders.type]: paymentEventType,
        [messageHeaders.originalTopic]: eventsTopic,
        [messageHeaders.replayedAt]: expect.any(String),
        traceparent,
      });
      for (const header of [
        'deadLetterReason',
        'deadLetteredAt',
        'attempt',
        'lastErrorClass',
        'lastErrorMessage',
        'firstFailureAt',
      ] as const) {
        expect(replayed?.headers).not.toHaveProperty(messageHeaders[header]);
      }

      // A marker on payments.events after the replay: once notification handled it, it has read past any copy.
      const marker = randomUUID();
      await publisher.publish(eventsTopic, [
        { key: marker, value: '{}', headers: { [messageHeaders.type]: paymentEventType } },
      ]);
      await eventually(() => notification.some((event) => event.key === marker), 45_000);
      expect(notification.map((event) => event.key)).toEqual([marker]);
      await eventually(() => owner.some((event) => event.key === marker), 45_000);

      expect((await runQueue(['replay', queue, '--all'])).out).toEqual([{ queue, replayed: 1 }]);
      expect((await runQueue(['replay', queue, '--all'])).out).toEqual([{ queue, replayed: 0 }]);
      await eventually(() => owner.filter((event) => event.key === invoiceId).length === 2, 45_000);
      expect(notification.map((event) => event.key)).toEqual([marker]);
      const after = await runQueue(['list', queue]);
      expect(after.out).toEqual([expect.objectContaining({ offset: '0', replayed: true })]);
    });
  },
);
