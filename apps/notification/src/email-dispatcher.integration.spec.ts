// The dispatcher with the real repository and lease sweeper on the local stack's PostgreSQL; the mail server is a
// fake that takes longer than one lease to accept.
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import { dropSchema, testDatabaseUrl, uniqueSchemaName } from '@gaara/db/testing';
import { retryTopology } from '@gaara/messaging';
import { NotificationRepository } from './data/notification-repository';
import { notificationMigrations } from './data/notification-migrations';
import type { NotificationRow } from './data/notification-rows';
import { EmailDispatcher } from './email-dispatcher';
import type { EmailSender, OutgoingEmail } from './email/email-sender';
import { startLeaseSweeper, type LeaseSweeper } from './messaging/lease-sweeper';

const LEASE_MS = 1000;

/** Accepts every e-mail after `delayMs` (a slow server, still answering). */
class SlowSender implements EmailSender {
  readonly sent: OutgoingEmail[] = [];
  constructor(private readonly delayMs: number) {}
  async send(email: OutgoingEmail) {
    this.sent.push(email);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return { messageId: email.messageId };
  }
  // Nothing to release.
  readonly close = (): void => undefined;
}

describe('EmailDispatcher with a send slower than its lease', () => {
  const schema = uniqueSchemaName('notification_lease');
  let db: Knex;
  let sweeper: LeaseSweeper | undefined;
  const requeued: number[] = [];

  beforeAll(async () => {
    db = createDatabase({ url: testDatabaseUrl(), schema, pool: { min: 0, max: 4 } });
    await runMigrations(db, { schema, migrations: notificationMigrations });
  });
  afterAll(async () => {
    await sweeper?.stop();
    await dropSchema(db, schema);
    await db.destroy();
  });

  it('keeps the claim while the send runs: the sweeper re-queues nothing and the e-mail is sent once', async () => {
    const repository = new NotificationRepository(db);
    const topology = retryTopology({ name: 'notifications', delays: '1s', topicPrefix: 'lease.' });
    sweeper = startLeaseSweeper({
      repository,
      topology,
      intervalMs: 100,
      logger: {
        warn: (obj) => requeued.push((obj as { count: number }).count),
        error: () => undefined,
      },
    });
    const sender = new SlowSender(3 * LEASE_MS);
    const dispatcher = new EmailDispatcher({ repository, sender, topology, leaseMs: LEASE_MS });
    const outcome = await dispatcher.sendOrQueue(
      {
        to: 'ada@example.com',
        template: 'invoice_receipt',
        params: { invoice_id: 'inv-1', amount_minor: '1999', currency: 'EUR', payment_id: 'pay-1' },
        idempotencyKey: 'receipt:pay-1',
      },
      'payments.events',
    );
    await sweeper.sweep();
    expect(outcome.status).toBe('sent');
    expect(sender.sent).toHaveLength(1);
    // A re-queue would have put an EmailTask in the outbox: the retry tier's second send.
    expect(requeued).toEqual([]);
    expect(Number((await db('outbox').count({ n: '*' }))[0]['n'])).toBe(0);
    expect(
      await db<NotificationRow>('notifications')
        .where({ idempotency_key: 'receipt:pay-1' })
        .first(),
    ).toMatchObject({ status: 'sent', attempts: 1 });
  }, 20_000);
});
