import { randomUUID } from 'node:crypto';
import { catalogV1, paymentV1 } from '@gaara/contracts';
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import {
  dropSchema,
  startDatabaseProxy,
  testDatabaseUrl,
  uniqueSchemaName,
  type DatabaseProxy,
} from '@gaara/db/testing';
import { createClient, type GrpcClient } from '@gaara/grpc';
import { messageHeaders, replayDeadLetters } from '@gaara/messaging';
import { eventually, recordTopics, replaySpec, type TopicRecorder } from '@gaara/messaging/testing';
import { createPolicy } from '@gaara/resilience';
import { DEAD_LETTER_QUEUES } from '@gaara/topology';
import { publishPaymentEvent } from '@gaara/topology/testing';
import { GrpcProductCatalog } from '../catalog/grpc-product-catalog';
import { invoiceMigrations } from '../data/invoice-migrations';
import { InvoiceRepository } from '../data/invoice-repository';
import { Invoices } from '../invoices';
import { startFakeCatalog, type FakeCatalog } from '../testing/fake-catalog';
import { invoiceTopics, startInvoiceMessaging } from './invoice-messaging';

// Real PostgreSQL (unique schema, the consumer's connections through a proxy it can cut) and real Kafka (unique
// topic prefix): an event dead-lettered while the database was down is applied once replayed.
jest.setTimeout(120_000);

/** Long enough for a consumer group to join, in milliseconds. */
const KAFKA_WAIT_MS = 45_000;

describe('invoice.dlt replay (real PostgreSQL, real Kafka)', () => {
  const schema = uniqueSchemaName('invoicereplay');
  const {
    prefix,
    dlt,
    kafka: broker,
    deadLettersOf,
  } = replaySpec(DEAD_LETTER_QUEUES.invoice, 'invoice-replay-spec');
  const topics = invoiceTopics(prefix);
  const { client: kafka, publisher } = broker;
  let db: Knex;
  /** The consumer's database: through the proxy, so only its writes fail while it is cut. */
  let consumerDb: Knex;
  let proxy: DatabaseProxy;
  let catalog: FakeCatalog;
  /** Creates and reads invoices on the database directly (the consumer's writes go through the proxy). */
  let invoices: Invoices;
  let catalogClient: GrpcClient<typeof catalogV1.CatalogService>;
  let messaging: { stop(): Promise<void> };
  /** Another group on payments.events (as notification's): it must never see a replayed copy. */
  let other: TopicRecorder;
  const policy = createPolicy('catalog', undefined, { registry: false });
  /** Per invoice id, the events the handler applied (it logs one info line for each). */
  const applied = new Map<string, number>();
  const logger = {
    debug: () => undefined,
    info: (fields: object) => {
      const { invoiceId } = fields as { invoiceId?: string };
      if (invoiceId !== undefined) applied.set(invoiceId, (applied.get(invoiceId) ?? 0) + 1);
    },
    warn: () => undefined,
    error: () => undefined,
  };

  const newInvoice = async (): Promise<string> => {
    const { invoice } = await invoices.create({
      customerId: 'cust-1',
      customerEmail: 'ada@example.com',
      idempotencyKey: '',
      items: [{ productId: 'prod-clay-mug', quantity: 1 }],
    });
    return invoice.id;
  };
  const statusOf = (id: string) => invoices.get(id);

  beforeAll(async () => {
    db = createDatabase({ url: testDatabaseUrl(), schema, pool: { min: 0, max: 5 } });
    await runMigrations(db, { schema, migrations: invoiceMigrations });
    proxy = await startDatabaseProxy();
    consumerDb = createDatabase({ url: proxy.url, schema, pool: { min: 0, max: 2 } });
    catalog = await startFakeCatalog();
    catalogClient = createClient(catalogV1.CatalogService, catalog.address);
    const products = new GrpcProductCatalog(catalogClient, policy);
    invoices = new Invoices(new InvoiceRepository(db), products);
    await broker.start();
    messaging = await startInvoiceMessaging({
      client: kafka,
      invoices: new Invoices(new InvoiceRepository(consumerDb), products),
      topicPrefix: prefix,
      logger,
      // Two handle calls, 100 ms apart: the event is dead-lettered within seconds while the database is cut.
      retries: { maxAttempts: 2, retryBackoff: { firstMs: 100, maxMs: 100 } },
    });
    other = await recordTopics(kafka, [topics.paymentEvents]);
  });

  afterAll(async () => {
    await other?.stop();
    await messaging?.stop();
    await broker.stop();
    catalogClient?.close();
    policy.dispose();
    await catalog?.stop();
    await proxy?.restore();
    await consumerDb?.destroy();
    await proxy?.close();
    if (db) {
      await dropSchema(db, schema);
      await db.destroy();
    }
  });

  it('an event exhausted while the database was down stays unapplied; replayed, it marks the invoice paid, once', async () => {
    const id = await newInvoice();
    const paymentId = randomUUID();
    await proxy.cut();
    await publishPaymentEvent(publisher, topics.paymentEvents, { invoiceId: id, paymentId });
    await eventually(async () => (await deadLettersOf(id)).length === 1, KAFKA_WAIT_MS);
    await proxy.restore();
    const [entry] = await deadLettersOf(id);
    expect(entry?.headers[messageHeaders.deadLetterReason]).toMatch(/^retries exhausted after 2/);
    expect(await statusOf(id)).toMatchObject({ status: 'pending' });

    const replayPublisher = publisher;
    const one = await replayDeadLetters(kafka, replayPublisher, dlt, {
      partition: entry!.partition,
      offset: entry!.offset,
    });
    expect(one).toEqual({ replayed: 1 });
    await eventually(async () => (await statusOf(id)).status === 'paid', KAFKA_WAIT_MS);
    expect(await statusOf(id)).toMatchObject({ status: 'paid', paymentId });

    // "all" replays it once more: a duplicate of an applied transition changes nothing.
    expect(await replayDeadLetters(kafka, replayPublisher, dlt, { all: true })).toEqual({
      replayed: 1,
    });
    await eventually(() => applied.get(id) === 2, KAFKA_WAIT_MS);
    expect(await statusOf(id)).toMatchObject({ status: 'paid', paymentId });
    // A marker with the same key (so the same partition) after the replays: a DEAD_LETTERED event leaves the
    // invoice alone. Once the other group read it, it would have read any copy replayed onto payments.events.
    const markerPayment = randomUUID();
    await publishPaymentEvent(publisher, topics.paymentEvents, {
      invoiceId: id,
      paymentId: markerPayment,
      status: paymentV1.PaymentStatus.DEAD_LETTERED,
    });
    const seen = () => other.on(topics.paymentEvents).filter((m) => m.key === id);
    await eventually(() => seen().some((m) => m.value.includes(markerPayment)), KAFKA_WAIT_MS);
    expect(seen().map((m) => m.value.includes(paymentId))).toEqual([true, false]);
    expect(await statusOf(id)).toMatchObject({ status: 'paid', paymentId });
  });
});
