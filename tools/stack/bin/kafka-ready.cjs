#!/usr/bin/env node
// Exits 0 when the broker answers a metadata request that lists at least one registered broker.
'use strict';
const { Kafka, logLevel } = require('kafkajs');

async function main() {
  const broker = process.argv[2] ?? '127.0.0.1:9092';
  const kafka = new Kafka({
    clientId: 'gaara-stack-ready',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null || cluster.controller < 0) {
      throw new Error('no broker registered yet');
    }
    console.log(
      `brokers ${cluster.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(',')}`,
    );
  } finally {
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(`kafka not ready: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
