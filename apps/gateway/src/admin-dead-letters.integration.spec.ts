import { randomBytes, randomUUID } from 'node:crypto';
import {
  connectPublisher,
  createMessagingClient,
  deadLetterTopology,
  ensureTopics,
  isEventDeadLetters,
  messageHeaders,
  startEventConsumerWithPublisher,
  type MessagingClient,
  type Publisher,
} from '@gaara/messaging';
import { eventually } from '@gaara/messaging/testing';
import { DEAD_LETTER_QUEUES, PAYMENT_EVENTS_TOPIC } from '@gaara/topology';
import { startDeadLetterFixture, type DeadLetterFixture } from './testing/dead-letter-fixture';
import {
  startGatewayHarness,
  testRetryDelays,
  type GatewayHarness,
} from './testing/gateway-harness';

// Real Kafka (the stack's broker, unique topic prefixes): listing and replaying are never mocked.
jest.setTimeout(90_000);

/** gaara-type of payments.events (the PaymentEvent's protobuf type name). */
const paymentEventType = 'gaara.payment.v1.PaymentEvent';

const list = (h: GatewayHarness, headers: Record<string, string> = {}, query = '') =>
  h.app.inject({ url: `/admin/dead-letters/payments${query}`, headers });
const replay = (h: GatewayHarness, payload: object, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url: '/admin/dead-letters/payments/replay', payload, headers });

describe('admin dead-letter routes (real Kafka)', () => {
  let h: GatewayHarness;
  let kafka: DeadLetterFixture;
  let auth: Record<string, string>;
  beforeAll(async () => {
    h = await startGatewayHarness();
    auth = { authorization: `Bearer ${h.adminToken}` };
    kafka = await startDeadLetterFixture(h.kafkaBrokers, h.topicPrefix, testRetryDelays.payments);
    await kafka.addDeadLetter('pay-1');
  });
  afterAll(async () => {
    await kafka.close();
    await h.close();
  });

  it.each([
    ['no header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['a longer wrong token', { authorization: 'Bearer test-admin-token-0123456789x' }],
    ['another scheme', { authorization: 'Basic dGVzdDp0ZXN0' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('%s → 401 and nothing replayed', async (_case, headers: Record<string, string>) => {
    const replayAll = await replay(h, { all: true }, headers);
    const replayOne = await replay(h, { partition: 0, offset: '0' }, headers);
    const listed = await list(h, headers);
    for (const response of [replayAll, replayOne, listed]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        error: { code: 'UNAUTHORIZED', message: expect.any(String) },
      });
    }
    expect(await kafka.firstTierDepth()).toBe(0);
  });

  it('an unauthorized call is refused before validation: a bad body still answers 401', async () => {
    const response = await replay(h, { nonsense: 1 });
    expect(response.statusCode).toBe(401);
  });

  it('lists the entries with their headers; unknown queue → 404; limit is checked', async () => {
    const response = await list(h, auth, '?limit=10');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      queue: 'payments',
      topic: `${h.topicPrefix}payments.dlt`,
      entries: [
        {
          partition: 0,
          offset: '0',
          key: 'pay-1',
          type: 'gaara.payment.v1.ChargeTask',
          replayed: false,
          headers: expect.objectContaining({ 'gaara-dead-letter-reason': 'retries exhausted' }),
        },
      ],
    });
    const unknown = await h.app.inject({ url: '/admin/dead-letters/orders', headers: auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_QUEUE', queue: 'orders' });
    // A topic is not a queue name: payments.events has no dead letters of its own.
    const topic = await h.app.inject({
      method: 'POST',
      url: '/admin/dead-letters/payments.events/replay',
      payload: { all: true },
      headers: auth,
    });
    expect(topic.statusCode).toBe(404);
    expect(topic.json()).toMatchObject({ code: 'UNKNOWN_QUEUE', queue: 'payments.events' });
    for (const limit of ['0', '501', 'ten']) {
      expect((await list(h, auth, `?limit=${limit}`)).statusCode).toBe(400);
    }
    expect((await replay(h, { all: false }, auth)).statusCode).toBe(400);
  });

  it('replays one entry, then "all" replays each remaining entry once', async () => {
    expect((await replay(h, { partition: 0, offset: '0' }, auth)).json()).toEqual({ replayed: 1 });
    expect(await kafka.firstTierDepth()).toBe(1);
    await kafka.addDeadLetter('pay-2');
    expect((await replay(h, { all: true }, auth)).json()).toEqual({ replayed: 2 });
    expect((await replay(h, { all: true }, auth)).json()).toEqual({ replayed: 0 });
    const listed = (await list(h, auth)).json();
    expect(listed.entries.map((entry: { replayed: boolean }) => entry.replayed)).toEqual([
      true,
      true,
    ]);
  });
});

describe('admin dead-letter listing redacts personal data (real Kafka)', () => {
  let h: GatewayHarness;
  let kafka: DeadLetterFixture;
  let auth: Record<string, string>;
  const pii = {
    receiptEmail: 'ada@example.com',
    customer: { customerEmail: 'Grace.Hopper+x@navy.example.org', to: 'someone' },
    note: 'bounced for ada@example.com twice',
  };
  beforeAll(async () => {
    h = await startGatewayHarness();
    auth = { authorization: `Bearer ${h.adminToken}` };
    kafka = await startDeadLetterFixture(h.kafkaBrokers, h.topicPrefix, testRetryDelays.payments);
    await kafka.addDeadLetter('pay-pii', pii);
  });
  afterAll(async () => {
    await kafka.close();
    await h.close();
  });

  it('lists the value with PII fields and e-mail addresses as [redacted]; replay sends the original', async () => {
    const response = await list(h, auth);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(/example\.(com|org)/);
    const [entry] = response.json().entries;
    expect(JSON.parse(entry.value)).toEqual({
      paymentId: 'pay-pii',
      attemptsBefore: 4,
      receiptEmail: '[redacted]',
      customer: { customerEmail: '[redacted]', to: '[redacted]' },
      note: 'bounced for [redacted] twice',
    });
    expect((await replay(h, { partition: 0, offset: '0' }, auth)).json()).toEqual({ replayed: 1 });
    const [replayed] = await kafka.firstTierValues();
    expect(JSON.parse(replayed ?? '{}')).toEqual({
      paymentId: 'pay-pii',
      attemptsBefore: 4,
      ...pii,
    });
  });
});

describe('admin routes disabled (no GAARA_ADMIN_TOKEN)', () => {
  let h: GatewayHarness;
  let kafka: DeadLetterFixture;
  beforeAll(async () => {
    h = await startGatewayHarness({ adminToken: '' });
    kafka = await startDeadLetterFixture(h.kafkaBrokers, h.topicPrefix, testRetryDelays.payments);
    await kafka.addDeadLetter('pay-1');
  });
  afterAll(async () => {
    await kafka.close();
    await h.close();
  });

  it.each<Record<string, string>>([
    {},
    { authorization: 'Bearer ' },
    { authorization: 'Bearer anything' },
  ])('every admin call → 401 (%j), nothing replayed', async (headers: Record<string, string>) => {
    expect((await replay(h, { all: true }, headers)).statusCode).toBe(401);
    expect((await list(h, headers)).statusCode).toBe(401);
    expect(await kafka.firstTierDepth()).toBe(0);
  });
});

describe('admin routes with Kafka unreachable', () => {
  let h: GatewayHarness;
  beforeAll(async () => (h = await startGatewayHarness({ kafkaBrokers: ['127.0.0.1:1'] })));
  afterAll(() => h.close());

  it('→ 503 with Retry-After naming kafka', async () => {
    const auth = { authorization: `Bearer ${h.adminToken}` };
    for (const response of [await list(h, auth), await replay(h, { all: true }, auth)]) {
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toMatch(/^[0-9]+$/);
      expect(response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', dependency: 'kafka' });
    }
  });
});

/** What a consumer group handled: the event's key, value and headers. */
interface Handled {
  readonly key: string | undefined;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

describe.each(['invoice', 'catalog'] as const)(
  'admin dead-letter routes over %s.dlt, an event consumer (real Kafka)',
  (queue) => {
    let h: GatewayHarness;
    let auth: Record<string, string>;
    let client: MessagingClient;
    let publisher: Publisher;
    const consumers: { stop(): Promise<void> }[] = [];
    /** Handled by the queue's own group (payments.events and its replay topic) and by notification's. */
    const owner: Handled[] = [];
    const notification: Handled[] = [];
    const invoiceId = randomUUID();
    const event = {
      eventId: `pay-${invoiceId}:PAYMENT_STATUS_FAILED`,
      paymentId: `pay-${invoiceId}`,
      invoiceId,
      status: 'PAYMENT_STATUS_FAILED',
      receiptEmail: 'ada@example.com',
      failureReason: 'card declined for ada@example.com',
    };
    const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
    const path = `/admin/dead-letters/${queue}`;
    const eventsTopic = () => `${h.topicPrefix}${PAYMENT_EVENTS_TOPIC}`;

    beforeAll(async () => {
      h = await startGatewayHarness();
      auth = { authorization: `Bearer ${h.adminToken}` };
      const topology = deadLetterTopology(DEAD_LETTER_QUEUES[queue], {
        topicPrefix: h.topicPrefix,
      });
      if (!isEventDeadLetters(topology)) throw new Error(`${queue} is an event queue`);
      client = createMessagingClient({
        brokers: h.kafkaBrokers,
        clientId: `gateway-test-${queue}`,
      });
      await ensureTopics(client, [eventsTopic(), ...topology.topics], { partitions: 1 });
      publisher = await connectPublisher(client);
      // As the event consumer writes a poison event: at once, with the reason.
      await publisher.publish(topology.deadLetterTopic, [
        {
          key: invoiceId,
          value: JSON.stringify(event),
          headers: {
            [messageHeaders.type]: paymentEventType,
            traceparent,
            [messageHeaders.originalTopic]: eventsTopic(),
            [messageHeaders.deadLetterReason]: 'poison: invoice ada@example.com unreadable',
            [messageHeaders.deadLetteredAt]: new Date().toISOString(),
          },
        },
      ]);
      const consumer = (groupId: string, replayTopic: string | undefined, seen: Handled[]) =>
        startEventConsumerWithPublisher({
          client,
          groupId,
          topic: eventsTopic(),
          deadLetterTopic: topology.deadLetterTopic,
          ...(replayTopic === undefined ? {} : { replayTopic }),
          types: [paymentEventType],
          handle: (incoming) => {
            seen.push({ key: incoming.key, value: incoming.value, headers: incoming.headers });
            return Promise.resolve();
          },
        });
      const groupId = DEAD_LETTER_QUEUES[queue].queue.groupId;
      consumers.push(
        await consumer(`${h.topicPrefix}${groupId}`, topology.replayTopic, owner),
        await consumer(`${h.topicPrefix}notification.payments-events`, undefined, notification),
      );
    });
    afterAll(async () => {
      for (const running of consumers) await running.stop();
      await publisher?.disconnect();
      await h?.close();
    });

    it('401 without the token, nothing replayed', async () => {
      const listed = await h.app.inject({ url: path });
      const replayed = await h.app.inject({
        method: 'POST',
        url: `${path}/replay`,
        payload: { all: true },
      });
      expect([listed.statusCode, replayed.statusCode]).toEqual([401, 401]);
    });

    it('lists the entry redacted; replays one, then all, to its own consumer only, as the original', async () => {
      const listed = await h.app.inject({ url: `${path}?limit=10`, headers: auth });
      expect(listed.statusCode).toBe(200);
      expect(listed.body).not.toMatch(/example\.com/);
      expect(listed.json()).toMatchObject({
        queue,
        topic: `${h.topicPrefix}${queue}.dlt`,
        entries: [
          {
            partition: 0,
            offset: '0',
            key: invoiceId,
            type: paymentEventType,
            replayed: false,
            headers: expect.objectContaining({
              'gaara-dead-letter-reason': 'poison: invoice [redacted] unreadable',
            }),
          },
        ],
      });
      expect(JSON.parse(listed.json().entries[0].value)).toEqual({
        ...event,
        receiptEmail: '[redacted]',
        failureReason: 'card declined for [redacted]',
      });

      const replay = (payload: object) =>
        h.app.inject({ method: 'POST', url: `${path}/replay`, payload, headers: auth });
      const nothing = await replay({ partition: 0, offset: '5' });
      expect([nothing.statusCode, nothing.json()]).toEqual([200, { replayed: 0 }]);
      const one = await replay({ partition: 0, offset: '0' });
      expect([one.statusCode, one.json()]).toEqual([200, { replayed: 1 }]);
      await eventually(() => owner.length === 1, 45_000);
      expect(owner[0]).toMatchObject({ key: invoiceId, value: JSON.stringify(event) });
      expect(owner[0]?.headers).toMatchObject({ [messageHeaders.type]: paymentEventType });
      expect(owner[0]?.headers).not.toHaveProperty(messageHeaders.deadLetterReason);
      expect(owner[0]?.headers['traceparent']?.split('-')[1]).toBe(traceparent.split('-')[1]);

      // A marker on payments.events after the replay: once notification handled it, it has read past any copy.
      const marker = randomUUID();
      await publisher.publish(eventsTopic(), [
        { key: marker, value: '{}', headers: { [messageHeaders.type]: paymentEventType } },
      ]);
      await eventually(() => notification.some((handled) => handled.key === marker), 45_000);

      expect((await replay({ all: true })).json()).toEqual({ replayed: 1 });
      expect((await replay({ all: true })).json()).toEqual({ replayed: 0 });
      await eventually(() => owner.filter((e) => e.key === invoiceId).length === 2, 45_000);
      expect(notification.map((handled) => handled.key)).toEqual([marker]);
      const after = (await h.app.inject({ url: path, headers: auth })).json();
      expect(after.entries.map((entry: { replayed: boolean }) => entry.replayed)).toEqual([true]);
    });
  },
);
