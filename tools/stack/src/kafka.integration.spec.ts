import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { stackEndpoints } from './endpoints';
import { withDeadline } from './testing/deadline';
import { runId } from './testing/run-id';

const topic = 'gaara.stack.selftest';

describe('local Kafka', () => {
  const id = runId();
  const kafka = new Kafka({
    clientId: `stack-selftest-${id}`,
    brokers: [...stackEndpoints().kafkaBrokers],
    logLevel: logLevel.NOTHING,
  });
  let producer: Producer;
  let consumer: Consumer;

  beforeAll(async () => {
    producer = kafka.producer();
    consumer = kafka.consumer({ groupId: `gaara-stack-selftest-${id}` });
    await withDeadline(
      Promise.all([producer.connect(), consumer.connect()]),
      15_000,
      'connect to Kafka',
    );
  });

  afterAll(async () => {
    await Promise.allSettled([producer.disconnect(), consumer.disconnect()]);
  });

  it('reads back a produced message with its key and headers', async () => {
    const value = `round-trip ${id}`;
    const [sent] = await producer.send({
      topic,
      acks: -1,
      messages: [{ key: id, value, headers: { 'x-run-id': id } }],
    });
    expect(sent?.errorCode).toBe(0);

    // A fresh group starting from the beginning cannot miss the message, however slow the join is.
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = new Promise<{ key: string; headerRunId: string; offset: string }>(
      (resolve) => {
        void consumer.run({
          eachMessage: async ({ message }) => {
            if (message.value?.toString() !== value) return;
            resolve({
              key: message.key?.toString() ?? '',
              headerRunId: String(message.headers?.['x-run-id'] ?? ''),
              offset: message.offset,
            });
          },
        });
      },
    );
    const message = await withDeadline(received, 30_000, `consume "${value}" from ${topic}`);

    expect(message).toEqual({ key: id, headerRunId: id, offset: sent?.baseOffset });
  }, 45_000);
});
