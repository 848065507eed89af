import { notificationV1 } from '@gaara/contracts';
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import { dropSchema, testDatabaseUrl, uniqueSchemaName } from '@gaara/db/testing';
import { createClient, type GrpcClient } from '@gaara/grpc';
import {
  listDeadLetters,
  topicDepths,
  type DeadLetterEntry,
  type MessagingClient,
  type Publisher,
} from '@gaara/messaging';
import { kafkaSpec, testBrokers, uniqueTopicPrefix } from '@gaara/messaging/testing';
import { BreakerRegistry } from '@gaara/resilience';
import { notificationMigrations } from '../data/notification-migrations';
import type { NotificationRow } from '../data/notification-rows';
import { EMAIL_RETRY_GROUP_PREFIX, groupIdFor } from '../messaging/notification-messaging';
import { startNotificationService, type NotificationService } from '../notification-service';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

/** A notification service on real PostgreSQL (unique schema) and Kafka (unique prefix), with an SMTP sink. */
export interface NotificationHarness {
  readonly db: Knex;
  readonly sink: SmtpSink;
  readonly service: NotificationService;
  readonly client: GrpcClient<typeof notificationV1.NotificationService>;
  readonly kafka: MessagingClient;
  readonly publisher: Publisher;
  readonly prefix: string;
  rowOf(idempotencyKey: string): Promise<NotificationRow | undefined>;
  /** The DLT entries whose EmailTask names the notification, oldest first. */
  deadLettersOf(notificationId: string): Promise<DeadLetterEntry[]>;
  /** True once every message on the tier topics was handled (committed by the tiers' groups). */
  tiersDrained(): Promise<boolean>;
  stop(): Promise<void>;
}

/** Starts the harness; `retryDelays` e.g. '1s,2s'. */
export async function startNotificationHarness(retryDelays: string): Promise<NotificationHarness> {
  const schema = uniqueSchemaName('notification');
  const prefix = uniqueTopicPrefix();
  const db = createDatabase({ url: testDatabaseUrl(), schema, pool: { min: 0, max: 10 } });
  await runMigrations(db, { schema, migrations: notificationMigrations });
  const sink = await startSmtpSink();
  const service = await startNotificationService({
    db,
    port: 0,
    kafkaBrokers: testBrokers(),
    topicPrefix: prefix,
    retryDelays,
    smtpUrl: sink.url,
    mailFrom: 'Gaara Store <store@gaara.test>',
    breakerOpenMs: 1000,
    leaseMs: 60_000,
    breakers: new BreakerRegistry(),
  });
  await service.messagingStarted;
  const client = createClient(notificationV1.NotificationService, `127.0.0.1:${service.port}`);
  const broker = kafkaSpec('notification-spec');
  await broker.start();
  const { client: kafka, publisher } = broker;
  return {
    db,
    sink,
    service,
    client,
    kafka,
    publisher,
    prefix,
    rowOf: async (idempotencyKey) =>
      db<NotificationRow>('notifications').where({ idempotency_key: idempotencyKey }).first(),
    deadLettersOf: async (notificationId) =>
      (await listDeadLetters(kafka, service.topology, { limit: 1000 })).filter((entry) =>
        entry.value.includes(notificationId),
      ),
    tiersDrained: async () =>
      (
        await topicDepths(kafka, service.topology, groupIdFor(prefix, EMAIL_RETRY_GROUP_PREFIX))
      ).every((tier) => tier.depth === 0),
    stop: async () => {
      client.close();
      await broker.stop();
      await service.stop();
      await sink.stop();
      await dropSchema(db, schema);
      await db.destroy();
    },
  };
}
