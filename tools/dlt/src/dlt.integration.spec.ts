import {
  connectPublisher,
  createMessagingClient,
  ensureTopics,
  messageHeaders,
  type Publisher,
} from '@gaara/messaging';
import { topologyOf, loadDltEnv } from './dlt-env';
import { exitCodes, runDlt } from './run-dlt';

// Real Kafka (the stack's broker) under a topic prefix of this run alone.
jest.setTimeout(60_000);

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
