import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import { stackEndpoints } from './endpoints';
import { runId } from './testing/run-id';

interface DeclaredTopic {
  name: string;
  partitions: number;
  config?: Record<string, string>;
}

const declared = (
  JSON.parse(readFileSync(join(__dirname, '../../../infra/kafka/topics.json'), 'utf8')) as {
    topics: DeclaredTopic[];
  }
).topics;

describe('declared Kafka topics (infra/kafka/topics.json)', () => {
  const kafka = new Kafka({
    clientId: 'stack-topics-test',
    brokers: [...stackEndpoints().kafkaBrokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 1 },
  });
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin.disconnect();
  });

  it('declares the retry, dead-letter, event and selftest topics', () => {
    expect(declared.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'payments.retry.5s',
        'payments.retry.30s',
        'payments.retry.5m',
        'payments.retry.30m',
        'payments.dlt',
        'payments.events',
        'notifications.retry.30s',
        'notifications.retry.5m',
        'notifications.retry.30m',
        'notifications.retry.2h',
        'notifications.dlt',
        'invoice.dlt',
        'gaara.stack.selftest',
      ]),
    );
  });

  it('has every declared topic with its declared partition count', async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: declared.map((t) => t.name) });
    const actual = Object.fromEntries(metadata.topics.map((t) => [t.name, t.partitions.length]));
    expect(actual).toEqual(Object.fromEntries(declared.map((t) => [t.name, t.partitions])));
  });

  it('applies the declared topic configs', async () => {
    const withConfig = declared.filter((t) => t.config !== undefined);
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: withConfig.map((t) => ({
        type: ConfigResourceTypes.TOPIC,
        name: t.name,
        configNames: Object.keys(t.config ?? {}),
      })),
    });
    const actual = Object.fromEntries(
      described.resources.map((r) => [
        r.resourceName,
        Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue])),
      ]),
    );
    expect(actual).toEqual(Object.fromEntries(withConfig.map((t) => [t.name, t.config])));
  });

  it('does not create topics on first use', async () => {
    const name = `gaara.stack.undeclared.${runId()}`;
    await expect(admin.fetchTopicMetadata({ topics: [name] })).rejects.toThrow();
    expect(await admin.listTopics()).not.toContain(name);
  });
});
