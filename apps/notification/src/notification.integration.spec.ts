import { randomUUID } from 'node:crypto';
import { notificationV1 } from '@gaara/contracts';
import type { Knex } from '@gaara/db';
import { eventually } from '@gaara/db/testing';
import { InvalidArgumentError, type GrpcClient } from '@gaara/grpc';
import {
  listDeadLetters,
  messageHeaders,
  type MessagingClient,
  type Publisher,
} from '@gaara/messaging';
import type { NotificationService } from './notification-service';
import { publishPaymentEvent } from '@gaara/topology/testing';
import { startNotificationHarness, type NotificationHarness } from './testing/notification-harness';
import type { SmtpSink } from './testing/smtp-sink';

// Real PostgreSQL (unique schema), real Kafka (unique topic prefix), an in-process SMTP sink.
jest.setTimeout(90_000);

const { SENT, QUEUED, FAILED } = notificationV1.EmailStatus;
/** Long enough for a consumer group to join and a 1 s + 2 s tier chain to run, in milliseconds. */
const KAFKA_WAIT_MS = 45_000;

const receipt = (invoiceId: string = randomUUID()) => ({
  template: 'invoice_receipt',
  params: { invoice_id: invoiceId, amount_minor: '4999', currency: 'EUR' },
});

describe('notification service (real PostgreSQL, real Kafka, SMTP sink)', () => {
  let h: NotificationHarness;
  let prefix: string;
  let db: Knex;
  let sink: SmtpSink;
  let service: NotificationService;
  let client: GrpcClient<typeof notificationV1.NotificationService>;
  let kafka: MessagingClient;
  let publisher: Publisher;

  const statusOf = async (idempotencyKey: string): Promise<string | undefined> =>
    (await h.rowOf(idempotencyKey))?.status;

  beforeAll(async () => {
    h = await startNotificationHarness('1s,2s');
    ({ prefix, db, sink, service, client, kafka, publisher } = h);
  });

  afterAll(() => h?.stop());

  it('sends an e-mail with a stable Message-ID and the idempotency key header, once per key', async () => {
    const key = `receipt:${randomUUID()}`;
    const request = { to: 'ada@example.com', idempotencyKey: key, ...receipt('inv-7') };
    const first = await client.sendEmail(request);
    expect(first).toMatchObject({ status: SENT, detail: '' });
    const again = await client.sendEmail(request);
    expect(again).toMatchObject({ status: SENT, notificationId: first.notificationId });
    const mails = sink.mailsFor(key);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({
      to: ['ada@example.com'],
      subject: 'Your receipt for invoice inv-7',
      messageId: `<${key.replace(':', '-')}@gaara.store>`,
    });
    expect(mails[0]!.raw).toContain('49.99 EUR');
  });

  it('answers INVALID_ARGUMENT for a bad address or an unknown template and stores nothing', async () => {
    const key = `bad:${randomUUID()}`;
    await expect(
      client.sendEmail({ to: 'not-an-address', idempotencyKey: key, ...receipt() }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      client.sendEmail({
        to: 'ada@example.com',
        template: 'nope',
        params: {},
        idempotencyKey: key,
      }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(await statusOf(key)).toBeUndefined();
  });

  it('fails a permanently rejected e-mail (5xx) without retrying', async () => {
    const key = `perm:${randomUUID()}`;
    sink.failFor('gone@example.com', 550);
    const response = await client.sendEmail({
      to: 'gone@example.com',
      idempotencyKey: key,
      ...receipt(),
    });
    expect(response.status).toBe(FAILED);
    expect(response.detail).not.toContain('gone@example.com');
    expect(await statusOf(key)).toBe('failed');
  });

  it('sends one receipt when the same SUCCEEDED PaymentEvent is delivered twice', async () => {
    const paymentId = randomUUID();
    const event = { paymentId, invoiceId: randomUUID(), receiptEmail: 'bob@example.com' };
    await publishPaymentEvent(publisher, service.paymentEventsTopic, event);
    await publishPaymentEvent(publisher, service.paymentEventsTopic, event);
    // A FAILED outcome of another payment sends nothing.
    await publishPaymentEvent(publisher, service.paymentEventsTopic, {
      paymentId: randomUUID(),
      invoiceId: randomUUID(),
      receiptEmail: 'bob@example.com',
      status: 3,
    });
    const key = `receipt:${paymentId}`;
    await eventually(() => sink.mailsFor(key).length > 0, KAFKA_WAIT_MS);
    // A marker event published after both copies: once it is handled, both copies were.
    const marker = randomUUID();
    await publishPaymentEvent(publisher, service.paymentEventsTopic, {
      paymentId: marker,
      invoiceId: event.invoiceId,
      receiptEmail: 'bob@example.com',
    });
    await eventually(() => sink.mailsFor(`receipt:${marker}`).length > 0, KAFKA_WAIT_MS);
    expect(sink.mailsFor(key)).toHaveLength(1);
    expect(await db('notifications').where({ idempotency_key: key })).toHaveLength(1);
  });

  it('dead-letters a poison payments.events message at once', async () => {
    const value = `not json ${randomUUID()}`;
    await publisher.publish(service.paymentEventsTopic, [
      { key: 'poison', value, headers: { [messageHeaders.type]: 'gaara.payment.v1.PaymentEvent' } },
    ]);
    await eventually(
      async () =>
        (await listDeadLetters(kafka, service.topology)).some((entry) => entry.value === value),
      KAFKA_WAIT_MS,
    );
  });

  it('queues an e-mail while SMTP is down and delivers it later exactly once', async () => {
    const key = `down:${randomUUID()}`;
    await sink.down();
    try {
      const response = await client.sendEmail({
        to: 'cy@example.com',
        idempotencyKey: key,
        ...receipt(),
      });
      expect(response.status).toBe(QUEUED);
    } finally {
      await sink.up();
    }
    await eventually(async () => (await statusOf(key)) === 'sent', KAFKA_WAIT_MS);
    expect(sink.mailsFor(key)).toHaveLength(1);
  });

  it('retries a transient 451 on the tiers and delivers once', async () => {
    const key = `451:${randomUUID()}`;
    sink.failFor('dee@example.com', 451, 1);
    const response = await client.sendEmail({
      to: 'dee@example.com',
      idempotencyKey: key,
      ...receipt(),
    });
    expect(response.status).toBe(QUEUED);
    await eventually(async () => (await statusOf(key)) === 'sent', KAFKA_WAIT_MS);
    expect(sink.mailsFor(key)).toHaveLength(1);
  });

  it('dead-letters the e-mail and its task after the last tier', async () => {
    const key = `exhausted:${randomUUID()}`;
    sink.failFor('eve@example.com', 451);
    const response = await client.sendEmail({
      to: 'eve@example.com',
      idempotencyKey: key,
      ...receipt(),
    });
    expect(response.status).toBe(QUEUED);
    await eventually(
      async () =>
        (await listDeadLetters(kafka, service.topology)).some((entry) =>
          entry.value.includes(response.notificationId),
        ),
      KAFKA_WAIT_MS,
    );
    const row = await db('notifications').where({ idempotency_key: key }).first();
    // dead_lettered, not failed: a replay of the DLT entry may still send it (notification-replay spec).
    expect(row).toMatchObject({ status: 'dead_lettered', attempts: 3 });
    expect(row.last_error).toMatch(/^retries exhausted/);
    expect(sink.mailsFor(key)).toHaveLength(0);
  });

  it('reports counts by status, retry-topic depths, dead letters and the email breaker', async () => {
    // Queue depths are measured in the background: wait until both dead letters were seen.
    await eventually(
      async () => ((await client.getNotificationStats({})).stats?.deadLetterCount ?? 0n) >= 2n,
      KAFKA_WAIT_MS,
    );
    const { stats } = await client.getNotificationStats({});
    const counts = new Map(stats!.statusCounts.map((c) => [c.status, c.count]));
    expect(counts.get(SENT)).toBeGreaterThanOrEqual(4n);
    expect(counts.get(FAILED)).toBeGreaterThanOrEqual(2n);
    expect(stats!.retryTopics.map((t) => t.topic)).toEqual([
      `${prefix}notifications.retry.1s`,
      `${prefix}notifications.retry.2s`,
    ]);
    expect(stats!.deadLetterCount).toBeGreaterThanOrEqual(2n);
    expect(stats!.breakers.map((b) => b.name)).toEqual(['email']);
  });
});
