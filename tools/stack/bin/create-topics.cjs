#!/usr/bin/env node
// Makes the broker match infra/kafka/topics.json: creates missing topics, raises partition counts,
// and sets the declared configs. Idempotent; one admin connection for all topics.
'use strict';
const fs = require('node:fs');
const { Kafka, logLevel, ConfigResourceTypes } = require('kafkajs');

/** Reads and checks the declaration so a typo fails here, not in a service. */
function readDeclaration(file) {
  const declared = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(declared.topics)) throw new Error(`${file}: "topics" must be an array`);
  for (const t of declared.topics) {
    if (typeof t.name !== 'string' || !Number.isInteger(t.partitions) || t.partitions < 1) {
      throw new Error(
        `${file}: each topic needs a name and a positive integer partitions (${JSON.stringify(t)})`,
      );
    }
  }
  return { replicationFactor: declared.replicationFactor ?? 1, topics: declared.topics };
}

async function main() {
  const [broker = '127.0.0.1:9092', file] = process.argv.slice(2);
  if (!file) throw new Error('usage: create-topics.cjs <broker> <topics.json>');
  const { replicationFactor, topics } = readDeclaration(file);
  const kafka = new Kafka({
    clientId: 'gaara-stack-topics',
    brokers: [broker],
    logLevel: logLevel.ERROR,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor,
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({
            name,
            value: String(value),
          })),
        })),
      });
      console.log(
        `stack: kafka: created ${missing.length} topic(s): ${missing.map((t) => t.name).join(', ')}`,
      );
    }
    const present = topics.filter((t) => existing.has(t.name));
    if (present.length === 0) return;
    await reconcile(admin, present);
  } finally {
    await admin.disconnect();
  }
}

/** Raises partition counts (Kafka cannot lower them) and re-applies configs that drifted. */
async function reconcile(admin, topics) {
  const metadata = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) });
  const counts = new Map(metadata.topics.map((m) => [m.name, m.partitions.length]));
  const grow = topics.filter((t) => (counts.get(t.name) ?? 0) < t.partitions);
  if (grow.length > 0) {
    await admin.createPartitions({
      topicPartitions: grow.map((t) => ({ topic: t.name, count: t.partitions })),
    });
    console.log(`stack: kafka: raised partitions of ${grow.map((t) => t.name).join(', ')}`);
  }
  for (const t of topics) {
    if ((counts.get(t.name) ?? 0) > t.partitions) {
      console.warn(
        `stack: kafka: ${t.name} has ${counts.get(t.name)} partitions, more than the declared ${t.partitions}`,
      );
    }
  }
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.name })),
  });
  const actual = new Map(
    described.resources.map((r) => [
      r.resourceName,
      new Map(r.configEntries.map((e) => [e.configName, e.configValue])),
    ]),
  );
  const drifted = topics.filter((t) =>
    Object.entries(t.config ?? {}).some(
      ([name, value]) => actual.get(t.name)?.get(name) !== String(value),
    ),
  );
  if (drifted.length > 0) {
    // alterConfigs replaces a topic's dynamic configs with exactly the declared ones.
    await admin.alterConfigs({
      validateOnly: false,
      resources: drifted.map((t) => ({
        type: ConfigResourceTypes.TOPIC,
        name: t.name,
        configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({
          name,
          value: String(value),
        })),
      })),
    });
    console.log(`stack: kafka: updated config of ${drifted.map((t) => t.name).join(', ')}`);
  }
}

main().catch((error) => {
  console.error(`stack: kafka: topics: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
