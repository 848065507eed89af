import { retryTopology, type MessageToPublish, type WorkItem } from '@gaara/messaging';
import { emailTasks } from './messaging/email-task';
import type { Claim, NotificationDraft } from './data/notification-repository';
import type { Notification, NotificationStatus } from './domain/notification';
import { EmailDispatcher, type NotificationStore } from './email-dispatcher';
import type { EmailSender, OutgoingEmail } from './email/email-sender';

/** A PostgreSQL connection error as pg reports it: transient for withTransientRetry and recordSent. */
const connectionLost = (): Error =>
  Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });

/** The notifications table in memory, with the repository's fences; `markSent` fails while `sentWriteFailures` > 0. */
class FakeStore implements NotificationStore {
  readonly rows = new Map<string, Notification>();
  readonly outbox: MessageToPublish[] = [];
  sentWriteFailures = 0;

  async insertOrGet(draft: NotificationDraft) {
    const existing = [...this.rows.values()].find((n) => n.idempotencyKey === draft.idempotencyKey);
    if (existing !== undefined) return { created: false, notification: existing };
    const notification: Notification = {
      id: `n-${this.rows.size + 1}`,
      idempotencyKey: draft.idempotencyKey,
      recipient: draft.recipient,
      template: draft.template,
      params: draft.params,
      status: draft.status,
      attempts: 0,
      lastError: draft.lastError,
      messageId: undefined,
      deadLetterBase: undefined,
    };
    this.rows.set(notification.id, notification);
    return { created: true, notification };
  }

  async findById(id: string) {
    return this.rows.get(id);
  }

  async claim(id: string, from: readonly NotificationStatus[], expectedAttempts: number) {
    const row = this.rows.get(id);
    if (row === undefined || !from.includes(row.status) || row.attempts !== expectedAttempts) {
      return undefined;
    }
    return this.update(row, { status: 'processing', attempts: row.attempts + 1 });
  }

  async claimDeadLettered(): Promise<Claim | undefined> {
    return undefined;
  }

  async markSent(claim: Claim, messageId: string) {
    if (this.sentWriteFailures > 0) {
      this.sentWriteFailures -= 1;
      throw connectionLost();
    }
    // The repository's fence for `sent`: this attempt's claim, or its row re-queued by the sweeper since.
    const row = this.rows.get(claim.notification.id);
    const requeued = row?.status === 'queued' && row.attempts === claim.attempts;
    if (requeued) this.update(row, { status: 'sent', messageId });
    return requeued || this.finish(claim, { status: 'sent', messageId });
  }

  /** What the lease sweeper does to a claim whose lease ran out: queued again, same attempts. */
  expireLeases(): void {
    for (const row of this.rows.values()) {
      if (row.status === 'processing') this.update(row, { status: 'queued' });
    }
  }

  async renewLease(claim: Claim) {
    const row = this.rows.get(claim.notification.id);
    return row?.status === 'processing' && row.attempts === claim.attempts;
  }

  async markFailed(claim: Claim, reason: string) {
    return this.finish(claim, { status: 'failed', lastError: reason });
  }

  async markDeadLettered(claim: Claim, reason: string, base: number) {
    return this.finish(claim, { status: 'dead_lettered', lastError: reason, deadLetterBase: base });
  }

  async markQueued(claim: Claim, reason: string, messages: readonly MessageToPublish[]) {
    const written = this.finish(claim, { status: 'queued', lastError: reason });
    if (written) this.outbox.push(...messages);
    return written;
  }

  private update(row: Notification, changes: Partial<Notification>): Claim {
    const next = { ...row, ...changes };
    this.rows.set(row.id, next);
    return { notification: next, attempts: next.attempts };
  }

  private finish(claim: Claim, changes: Partial<Notification>): boolean {
    const row = this.rows.get(claim.notification.id);
    if (row?.status !== 'processing' || row.attempts !== claim.attempts) return false;
    this.update(row, changes);
    return true;
  }
}

/** A mail server that accepts everything and counts what it got. */
class AcceptingSender implements EmailSender {
  readonly sent: OutgoingEmail[] = [];
  async send(email: OutgoingEmail) {
    this.sent.push(email);
    return { messageId: email.messageId };
  }
  // Nothing to release.
  readonly close = (): void => undefined;
}

const receipt = {
  to: 'ada@example.com',
  template: 'invoice_receipt',
  params: { invoice_id: 'inv-1', amount_minor: '1999', currency: 'EUR', payment_id: 'pay-1' },
  idempotencyKey: 'receipt:pay-1',
};

function dispatcher(leaseMs: number, sentWriteBoundMs?: number) {
  const store = new FakeStore();
  const sender = new AcceptingSender();
  const topology = retryTopology({ name: 'notifications', delays: '1s', topicPrefix: 'spec.' });
  return {
    store,
    sender,
    topology,
    dispatcher: new EmailDispatcher({
      repository: store,
      sender,
      topology,
      leaseMs,
      sentWriteBoundMs,
    }),
  };
}

/** A first-tier delivery of a task's value, with only the fields the dispatcher reads. */
function firstTierItem(value: string): WorkItem {
  const item: Pick<WorkItem, 'value' | 'headers' | 'tierIndex' | 'isLastTier'> & {
    metadata: { attempt: number };
  } = { value, headers: {}, metadata: { attempt: 1 }, tierIndex: 0, isLastTier: false };
  return item as unknown as WorkItem;
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('EmailDispatcher after the server accepted an e-mail', () => {
  it('keeps writing `sent` through a database blip instead of queueing the e-mail to be sent again', async () => {
    const { store, sender, dispatcher: d } = dispatcher(60_000);
    // Three failures: more than withTransientRetry's three attempts would absorb.
    store.sentWriteFailures = 3;
    const outcome = await d.sendOrQueue(receipt, 'payments.events');
    expect(outcome.status).toBe('sent');
    expect(sender.sent).toHaveLength(1);
    expect(store.outbox).toEqual([]);
    expect(store.rows.get(outcome.notificationId)?.status).toBe('sent');
  }, 15_000);

  it('writes `sent` after the lease ran out and the sweeper re-queued it, so the re-queued task sends nothing (issue #12)', async () => {
    // A 2 s lease and a database out for ~2.3 s (5 failed writes): the write outlasts the lease.
    const { store, sender, topology, dispatcher: d } = dispatcher(2000);
    store.sentWriteFailures = 5;
    const sending = d.sendOrQueue(receipt, 'payments.events');
    // Meanwhile the lease runs out and the sweeper re-queues the e-mail.
    await waitFor(() => store.sentWriteFailures < 5);
    store.expireLeases();
    const outcome = await sending;
    expect(outcome.status).toBe('sent');
    expect(store.rows.get(outcome.notificationId)?.status).toBe('sent');
    // The sweeper's task (attemptsBefore = the row's attempts, as the lease sweeper writes it) arrives.
    const task = { notificationId: outcome.notificationId, attemptsBefore: 1 };
    const message = emailTasks.firstTierMessage(topology, task, 'spec', new Error('lease expired'));
    expect(await d.retry(firstTierItem(message.value))).toEqual({ outcome: 'done' });
    expect(sender.sent).toHaveLength(1);
  }, 15_000);

  it('gives up writing `sent` after its bound and leaves the e-mail processing, with no retry task', async () => {
    const { store, sender, dispatcher: d } = dispatcher(60_000, 1500);
    store.sentWriteFailures = Number.POSITIVE_INFINITY;
    await expect(d.sendOrQueue(receipt, 'payments.events')).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(sender.sent).toHaveLength(1);
    expect(store.outbox).toEqual([]);
    expect([...store.rows.values()].map((n) => n.status)).toEqual(['processing']);
  }, 15_000);
});
