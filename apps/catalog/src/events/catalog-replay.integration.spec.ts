import { randomUUID } from 'node:crypto';
import { paymentV1 } from '@gaara/contracts';
import { startDatabaseProxy, type DatabaseProxy } from '@gaara/db/testing';
import { messageHeaders, replayDeadLetters } from '@gaara/messaging';
import { eventually, recordTopics, replaySpec, type TopicRecorder } from '@gaara/messaging/testing';
import { CATALOG_EVENTS_QUEUE, DEAD_LETTER_QUEUES } from '@gaara/topology';
import { publishPaymentEvent } from '@gaara/topology/testing';
import { handledByInvoice, reserveFreshProduct, unitsOf } from '../testing/spec-fixtures';
import { startCatalogConsumer } from '../testing/catalog-consumer';
import { startTestCatalog, type TestCatalog } from '../testing/test-catalog';

// Real PostgreSQL (own schema; the consumer's connections through a proxy it can cut) and real Kafka (unique
// topic prefix): a payment outcome dead-lettered while the database was down settles the reservation once replayed.
jest.setTimeout(120_000);

/** Long enough for a consumer group to join, in milliseconds. */
const KAFKA_WAIT_MS = 45_000;

describe('catalog.dlt replay (real PostgreSQL, real Kafka)', () => {
  const { prefix, dlt, kafka, deadLettersOf } = replaySpec(
    DEAD_LETTER_QUEUES.catalog,
    'catalog-replay-spec',
  );
  const topic = `${prefix}${CATALOG_EVENTS_QUEUE.topic}`;
  /** Per invoice id, what the handler did with each event it handled (its result, or the warning). */
  const { handled, logger } = handledByInvoice();
  let catalog: TestCatalog;
  let proxy: DatabaseProxy;
  let messaging: { stop(): Promise<void> };
  /** Another group on payments.events (as notification's): it must never see a replayed copy. */
  let other: TopicRecorder;

  const reservedOfFresh = (units: number, quantity: number) =>
    reserveFreshProduct(catalog, units, quantity, 'replay');
  const units = (id: string) => unitsOf(catalog.db, id);
  const statusOf = async (id: string) =>
    (await catalog.db('reservations').where({ id }).first<{ status: string }>('status'))?.status;

  beforeAll(async () => {
    proxy = await startDatabaseProxy();
    // Wholly through the proxy: nothing but the consumer touches the database while it is cut.
    catalog = await startTestCatalog(proxy.url);
    messaging = await startCatalogConsumer(kafka, catalog, {
      topicPrefix: prefix,
      logger,
      // Two handle calls, 100 ms apart: the event is dead-lettered within a second while the database is cut.
      retries: { maxAttempts: 2, retryBackoff: { firstMs: 100, maxMs: 100 } },
    });
    other = await recordTopics(kafka.client, [topic]);
  });
  afterAll(async () => {
    await other?.stop();
    await messaging?.stop();
    await kafka.stop();
    await proxy?.restore();
    await catalog?.stop();
    await proxy?.close();
  });

  it('a SUCCEEDED exhausted while the database was down leaves the units held; replayed, it confirms once', async () => {
    const { product, id } = await reservedOfFresh(5, 2);
    const paymentId = randomUUID();
    await proxy.cut();
    await publishPaymentEvent(kafka.publisher, topic, { invoiceId: id, paymentId });
    await eventually(async () => (await deadLettersOf(id)).length === 1, KAFKA_WAIT_MS);
    await proxy.restore();
    // The pool refuses statements until the catalog's health probe sees the database again (about a second).
    await eventually(() =>
      catalog.db.raw('select 1').then(
        () => true,
        () => false,
      ),
    );
    const [entry] = await deadLettersOf(id);
    expect(entry?.headers[messageHeaders.deadLetterReason]).toMatch(/^retries exhausted after 2/);
    expect(await statusOf(id)).toBe('held');
    expect(await units(product)).toEqual({ stock: 5, reserved: 2 });

    expect(
      await replayDeadLetters(kafka.client, kafka.publisher, dlt, {
        partition: entry!.partition,
        offset: entry!.offset,
      }),
    ).toEqual({ replayed: 1 });
    await eventually(() => handled.get(id)?.includes('confirmed') === true, KAFKA_WAIT_MS);
    expect(await statusOf(id)).toBe('confirmed');
    expect(await units(product)).toEqual({ stock: 3, reserved: 0 });

    // "all" replays it once more: the ledger's state machine makes the duplicate a no-op.
    expect(await replayDeadLetters(kafka.client, kafka.publisher, dlt, { all: true })).toEqual({
      replayed: 1,
    });
    await eventually(() => handled.get(id)?.length === 2, KAFKA_WAIT_MS);
    expect(handled.get(id)).toEqual(['confirmed', 'unchanged']);
    expect(await units(product)).toEqual({ stock: 3, reserved: 0 });

    // A marker with the same key (so the same partition) after the replays; a FAILED after the confirmation
    // changes nothing. Once the other group read it, it would have read any copy replayed onto payments.events.
    const markerPayment = randomUUID();
    await publishPaymentEvent(kafka.publisher, topic, {
      invoiceId: id,
      paymentId: markerPayment,
      status: paymentV1.PaymentStatus.FAILED,
      failureReason: 'late',
    });
    const seen = () => other.on(topic).filter((m) => m.key === id);
    await eventually(() => seen().some((m) => m.value.includes(markerPayment)), KAFKA_WAIT_MS);
    expect(seen().map((m) => m.value.includes(paymentId))).toEqual([true, false]);
    await eventually(() => handled.get(id)?.length === 3, KAFKA_WAIT_MS);
    expect(handled.get(id)).toEqual(['confirmed', 'unchanged', 'unchanged']);
    expect(await units(product)).toEqual({ stock: 3, reserved: 0 });
  });
});
