import { randomUUID } from 'node:crypto';
import { catalogV1, invoiceV1, paymentV1 } from '@gaara/contracts';
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import { dropSchema, eventually, testDatabaseUrl, uniqueSchemaName } from '@gaara/db/testing';
import { createClient, type GrpcClient } from '@gaara/grpc';
import { listDeadLetters, messageHeaders, retryTopology } from '@gaara/messaging';
import { kafkaSpec, uniqueTopicPrefix } from '@gaara/messaging/testing';
import { createPolicy } from '@gaara/resilience';
import { GrpcProductCatalog } from './catalog/grpc-product-catalog';
import { invoiceMigrations } from './data/invoice-migrations';
import { invoiceTopics, startInvoiceMessaging } from './events/invoice-messaging';
import { startInvoiceServer, type InvoiceServer } from './invoice-server';
import { startFakeCatalog, type FakeCatalog } from './testing/fake-catalog';
import { publishPaymentEvent } from '@gaara/topology/testing';

// Real PostgreSQL (unique schema) and real Kafka (unique topic prefix); only the catalog is faked.
jest.setTimeout(90_000);

const { PENDING, PAID, FAILED } = invoiceV1.InvoiceStatus;
/** Long enough for a consumer group to join, in milliseconds. */
const KAFKA_WAIT_MS = 45_000;

describe('invoice payments.events consumer (real PostgreSQL, real Kafka)', () => {
  const schema = uniqueSchemaName('invoice');
  const prefix = uniqueTopicPrefix();
  const topics = invoiceTopics(prefix);
  const broker = kafkaSpec('invoice-spec');
  const { client: kafka, publisher } = broker;
  let db: Knex;
  let catalog: FakeCatalog;
  let server: InvoiceServer;
  let catalogClient: GrpcClient<typeof catalogV1.CatalogService>;
  let client: GrpcClient<typeof invoiceV1.InvoiceService>;
  let messaging: { stop(): Promise<void> };
  const policy = createPolicy('catalog', undefined, { registry: false });

  const newInvoice = async (): Promise<string> => {
    const { invoice } = await client.createInvoice({
      customerId: 'cust-1',
      customerEmail: 'ada@example.com',
      idempotencyKey: '',
      items: [{ productId: 'prod-clay-mug', quantity: 1 }],
    });
    return invoice!.id;
  };
  const statusOf = async (id: string) => (await client.getInvoice({ id })).invoice!;
  /** Publishes a marker event for a fresh invoice and waits until it is paid: everything before it was handled. */
  const drain = async (): Promise<void> => {
    const marker = await newInvoice();
    await publishPaymentEvent(publisher, topics.paymentEvents, {
      invoiceId: marker,
      paymentId: randomUUID(),
    });
    await eventually(async () => (await statusOf(marker)).status === PAID, KAFKA_WAIT_MS);
  };

  beforeAll(async () => {
    db = createDatabase({ url: testDatabaseUrl(), schema, pool: { min: 0, max: 5 } });
    await runMigrations(db, { schema, migrations: invoiceMigrations });
    catalog = await startFakeCatalog();
    catalogClient = createClient(catalogV1.CatalogService, catalog.address);
    server = await startInvoiceServer({
      db,
      catalog: new GrpcProductCatalog(catalogClient, policy),
      port: 0,
    });
    client = createClient(invoiceV1.InvoiceService, `127.0.0.1:${server.port}`);
    messaging = await startInvoiceMessaging({
      client: kafka,
      invoices: server.invoices,
      topicPrefix: prefix,
    });
    await broker.start();
  });

  afterAll(async () => {
    await messaging?.stop();
    await broker.stop();
    client?.close();
    await server?.stop();
    catalogClient?.close();
    policy.dispose();
    await catalog?.stop();
    if (db) {
      await dropSchema(db, schema);
      await db.destroy();
    }
  });

  it('marks the invoice paid on SUCCEEDED, and a duplicate event changes nothing', async () => {
    const id = await newInvoice();
    expect((await statusOf(id)).status).toBe(PENDING);
    const paymentId = randomUUID();
    await publishPaymentEvent(publisher, topics.paymentEvents, { invoiceId: id, paymentId });
    await eventually(async () => (await statusOf(id)).status === PAID, KAFKA_WAIT_MS);
    await publishPaymentEvent(publisher, topics.paymentEvents, { invoiceId: id, paymentId });
    await drain();
    expect(await statusOf(id)).toMatchObject({ status: PAID, paymentId });
  });

  it('marks the invoice failed on FAILED with the reason, idempotently; DEAD_LETTERED then a replayed SUCCEEDED → paid', async () => {
    const declined = await newInvoice();
    const exhausted = await newInvoice();
    const failedEvent = {
      invoiceId: declined,
      paymentId: randomUUID(),
      status: paymentV1.PaymentStatus.FAILED,
      failureReason: 'card declined',
    };
    await publishPaymentEvent(publisher, topics.paymentEvents, failedEvent);
    await publishPaymentEvent(publisher, topics.paymentEvents, failedEvent);
    const replayedPayment = randomUUID();
    await publishPaymentEvent(publisher, topics.paymentEvents, {
      invoiceId: exhausted,
      paymentId: replayedPayment,
      status: paymentV1.PaymentStatus.DEAD_LETTERED,
    });
    // Same key (invoice id), same partition: handled after the DEAD_LETTERED event, which left it pending.
    await publishPaymentEvent(publisher, topics.paymentEvents, {
      invoiceId: exhausted,
      paymentId: replayedPayment,
    });
    await eventually(async () => (await statusOf(exhausted)).status === PAID, KAFKA_WAIT_MS);
    expect(await statusOf(declined)).toMatchObject({
      status: FAILED,
      failureReason: 'card declined',
    });
  });

  it('acknowledges a forbidden move (paid → failed) and an unknown invoice without getting stuck', async () => {
    const id = await newInvoice();
    const paymentId = randomUUID();
    await publishPaymentEvent(publisher, topics.paymentEvents, { invoiceId: id, paymentId });
    await publishPaymentEvent(publisher, topics.paymentEvents, {
      invoiceId: id,
      paymentId,
      status: paymentV1.PaymentStatus.FAILED,
      failureReason: 'late failure',
    });
    await publishPaymentEvent(publisher, topics.paymentEvents, {
      invoiceId: randomUUID(),
      paymentId: randomUUID(),
    });
    await drain();
    expect(await statusOf(id)).toMatchObject({ status: PAID, paymentId });
  });

  it('dead-letters a malformed event at once', async () => {
    const value = `{"paymentId": ${randomUUID()}`;
    await publisher.publish(topics.paymentEvents, [
      {
        key: 'poison',
        value,
        headers: { [messageHeaders.type]: paymentV1.PaymentEventSchema.typeName },
      },
    ]);
    const dlt = retryTopology({ name: 'invoice', delays: '1s', topicPrefix: prefix });
    expect(dlt.deadLetterTopic).toBe(topics.deadLetter);
    await eventually(
      async () => (await listDeadLetters(kafka, dlt)).some((entry) => entry.value === value),
      KAFKA_WAIT_MS,
    );
  });
});
