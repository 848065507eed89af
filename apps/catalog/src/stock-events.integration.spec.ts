import { randomUUID } from 'node:crypto';
import { paymentV1 } from '@gaara/contracts';
import { eventually, kafkaSpec, uniqueTopicPrefix } from '@gaara/messaging/testing';
import { messageHeaders } from '@gaara/messaging';
import { CATALOG_DLT_TOPIC, PAYMENT_EVENTS_TOPIC } from '@gaara/topology';
import { paymentEventCodec } from '@gaara/topology/codecs';
import { publishPaymentEvent } from '@gaara/topology/testing';
import { handledByInvoice, reserveFreshProduct, unitsOf } from './testing/spec-fixtures';
import { startCatalogConsumer } from './testing/catalog-consumer';
import { startTestCatalog, type TestCatalog } from './testing/test-catalog';

// Real PostgreSQL (own schema) and real Kafka (topics under a unique prefix): catalog's payments.events consumer.
jest.setTimeout(90_000);

/** Long enough for a consumer group to join, in milliseconds. */
const KAFKA_WAIT_MS = 45_000;

describe('reservations settled from payments.events (real PostgreSQL, real Kafka)', () => {
  const prefix = uniqueTopicPrefix();
  const topic = `${prefix}${PAYMENT_EVENTS_TOPIC}`;
  const kafka = kafkaSpec('catalog-events-spec');
  /** What the handler logged per invoice id: one line per event it handled. */
  const { handled, logger } = handledByInvoice();
  let catalog: TestCatalog;
  let messaging: { stop(): Promise<void> };

  const reservedOfFresh = (units: number, quantity: number) =>
    reserveFreshProduct(catalog, units, quantity, 'event');
  const units = (id: string) => unitsOf(catalog.db, id);
  const publish = (invoiceId: string, status: paymentV1.PaymentStatus, paymentId = randomUUID()) =>
    publishPaymentEvent(kafka.publisher, topic, {
      invoiceId,
      paymentId,
      status,
      eventId: `${paymentId}:${paymentV1.PaymentStatus[status]}`,
      failureReason: status === paymentV1.PaymentStatus.FAILED ? 'card declined' : '',
    });
  const handledCount = (id: string, count: number, timeoutMs = 15_000) =>
    eventually(() => (handled.get(id)?.length ?? 0) >= count, timeoutMs);

  beforeAll(async () => {
    catalog = await startTestCatalog();
    messaging = await startCatalogConsumer(kafka, catalog, {
      topicPrefix: prefix,
      logger,
    });
    // The group has joined once a first event is handled.
    const warmup = randomUUID();
    await publish(warmup, paymentV1.PaymentStatus.SUCCEEDED);
    await handledCount(warmup, 1, KAFKA_WAIT_MS);
  });
  afterAll(async () => {
    await messaging?.stop();
    await kafka.stop();
    await catalog?.stop();
  });

  it('a duplicated SUCCEEDED and a late FAILED change stock once', async () => {
    const { product, id } = await reservedOfFresh(5, 2);
    const paymentId = randomUUID();
    await publish(id, paymentV1.PaymentStatus.SUCCEEDED, paymentId);
    await publish(id, paymentV1.PaymentStatus.SUCCEEDED, paymentId);
    await publish(id, paymentV1.PaymentStatus.FAILED, paymentId);
    await handledCount(id, 3);
    expect(handled.get(id)).toEqual(['confirmed', 'unchanged', 'unchanged']);
    expect(await units(product)).toEqual({ stock: 3, reserved: 0 });
  });

  it('a FAILED payment releases, and its replayed event changes nothing more', async () => {
    const { product, id } = await reservedOfFresh(5, 4);
    expect(await units(product)).toEqual({ stock: 5, reserved: 4 });
    const paymentId = randomUUID();
    await publish(id, paymentV1.PaymentStatus.FAILED, paymentId);
    await publish(id, paymentV1.PaymentStatus.FAILED, paymentId);
    await handledCount(id, 2);
    expect(handled.get(id)).toEqual(['released', 'unchanged']);
    expect(await units(product)).toEqual({ stock: 5, reserved: 0 });
  });

  it('an event for an order without a reservation is acknowledged, and poison goes to catalog.dlt', async () => {
    const id = randomUUID();
    await publish(id, paymentV1.PaymentStatus.SUCCEEDED);
    await handledCount(id, 1);
    expect(handled.get(id)).toEqual(['payment event ignored: no reservation for it']);

    const deadLetters = await kafka.record([`${prefix}${CATALOG_DLT_TOPIC}`]);
    await kafka.publisher.publish(topic, [
      { key: id, value: '{not json', headers: { [messageHeaders.type]: paymentEventCodec.type } },
    ]);
    await eventually(() => deadLetters.messages.some((m) => m.value === '{not json'), 15_000);
  });
});
