import { randomUUID } from 'node:crypto';
import { notificationV1 } from '@gaara/contracts';
import { eventually } from '@gaara/db/testing';
import { replayDeadLetters, type DeadLetterEntry } from '@gaara/messaging';
import { startNotificationHarness, type NotificationHarness } from './testing/notification-harness';

// Real PostgreSQL (unique schema), real Kafka (unique topic prefix), an in-process SMTP sink; tiers 1s, 2s.
jest.setTimeout(120_000);

const { QUEUED, FAILED } = notificationV1.EmailStatus;
/** Long enough for a consumer group to join and a 1 s + 2 s tier chain to run, in milliseconds. */
const KAFKA_WAIT_MS = 45_000;

describe('replaying notification dead letters (real PostgreSQL, real Kafka, SMTP sink)', () => {
  let h: NotificationHarness;

  beforeAll(async () => {
    h = await startNotificationHarness('1s,2s');
  });

  afterAll(async () => {
    await h?.stop();
  });

  /** Sends an e-mail the sink rejects with 451 until the task is dead-lettered; returns its DLT entry. */
  const deadLettered = async (key: string, to: string) => {
    h.sink.failFor(to, 451);
    const response = await h.client.sendEmail({
      to,
      idempotencyKey: key,
      template: 'invoice_receipt',
      params: { invoice_id: randomUUID(), amount_minor: '4999', currency: 'EUR' },
    });
    expect(response.status).toBe(QUEUED);
    let entries: DeadLetterEntry[] = [];
    await eventually(async () => {
      entries = await h.deadLettersOf(response.notificationId);
      return entries.length > 0;
    }, KAFKA_WAIT_MS);
    return { notificationId: response.notificationId, entry: entries[0]! };
  };

  const replayAt = (entry: DeadLetterEntry) =>
    replayDeadLetters(h.kafka, h.publisher, h.service.topology, {
      partition: entry.partition,
      offset: entry.offset,
    });

  const deadLetterCount = async () =>
    (await h.client.getNotificationStats({})).stats!.deadLetterCount;

  /** Waits until every replayed or retried task was handled, so "nothing more was sent" means something. */
  const settled = () => eventually(() => h.tiersDrained(), KAFKA_WAIT_MS);

  it('dead-letters after the last tier, then a replay delivered twice sends exactly once', async () => {
    const key = `replay-twice:${randomUUID()}`;
    const { entry } = await deadLettered(key, 'fay@example.com');
    expect(await h.rowOf(key)).toMatchObject({
      status: 'dead_lettered',
      attempts: 3,
      dead_letter_base: 1,
    });
    expect((await h.rowOf(key))?.last_error).toMatch(/^retries exhausted/);
    expect(entry.headers['gaara-dead-letter-reason']).toBe('retries exhausted');
    expect(h.sink.mailsFor(key)).toHaveLength(0);

    h.sink.failFor('fay@example.com', 451, 0);
    expect(await replayAt(entry)).toEqual({ replayed: 1 });
    expect(await replayAt(entry)).toEqual({ replayed: 1 });
    await eventually(async () => (await h.rowOf(key))?.status === 'sent', KAFKA_WAIT_MS);
    await settled();
    expect(h.sink.mailsFor(key)).toHaveLength(1);
    expect(await h.rowOf(key)).toMatchObject({ status: 'sent' });
  });

  it('"replay all" run twice sends once, and the dead-letter count drops to what is left', async () => {
    const key = `replay-all:${randomUUID()}`;
    const { entry } = await deadLettered(key, 'gus@example.com');
    // Dead-lettered counts as FAILED; the DLT depth is measured in the background, so poll for it.
    await eventually(async () => (await deadLetterCount()) >= 1n, KAFKA_WAIT_MS);
    const { stats } = await h.client.getNotificationStats({});
    expect(stats!.statusCounts.find((c) => c.status === FAILED)?.count).toBeGreaterThanOrEqual(1n);

    h.sink.failFor('gus@example.com', 451, 0);
    const first = await replayDeadLetters(h.kafka, h.publisher, h.service.topology, { all: true });
    const second = await replayDeadLetters(h.kafka, h.publisher, h.service.topology, {
      all: true,
    });
    expect(first.replayed).toBeGreaterThanOrEqual(1);
    expect(second.replayed).toBe(0);
    await eventually(async () => (await h.rowOf(key))?.status === 'sent', KAFKA_WAIT_MS);
    // A replay by position after it was sent finds nothing to claim.
    await replayAt(entry);
    await settled();
    expect(h.sink.mailsFor(key)).toHaveLength(1);
    // Every entry was replayed by "replay all": none is left for an operator.
    await eventually(async () => (await deadLetterCount()) === 0n, KAFKA_WAIT_MS);
  });

  it('a replay that fails again starts a new chain; a stale replay of the old entry sends nothing', async () => {
    const key = `replay-chain:${randomUUID()}`;
    const { notificationId, entry: oldEntry } = await deadLettered(key, 'hal@example.com');
    // Still failing: the replay's attempt queues a new chain (base 4) that dead-letters again.
    await replayAt(oldEntry);
    await eventually(
      async () => (await h.deadLettersOf(notificationId)).length === 2,
      KAFKA_WAIT_MS,
    );
    expect(await h.rowOf(key)).toMatchObject({
      status: 'dead_lettered',
      attempts: 6,
      dead_letter_base: 4,
    });

    h.sink.failFor('hal@example.com', 451, 0);
    await replayAt(oldEntry);
    await settled();
    expect(h.sink.mailsFor(key)).toHaveLength(0);
    expect(await h.rowOf(key)).toMatchObject({ status: 'dead_lettered', attempts: 6 });

    const newEntry = (await h.deadLettersOf(notificationId))[1]!;
    await replayAt(newEntry);
    await eventually(async () => (await h.rowOf(key))?.status === 'sent', KAFKA_WAIT_MS);
    await settled();
    expect(h.sink.mailsFor(key)).toHaveLength(1);
  });

  it('never resends a permanently failed e-mail, however often its dead letter is replayed', async () => {
    const key = `replay-perm:${randomUUID()}`;
    const { entry } = await deadLettered(key, 'ida@example.com');
    // The replayed attempt meets a 5xx: failed for good.
    h.sink.failFor('ida@example.com', 550, 1);
    await replayAt(entry);
    await eventually(async () => (await h.rowOf(key))?.status === 'failed', KAFKA_WAIT_MS);
    // At least 4: an open breaker may turn the replay's attempt into one more chain before the 550.
    const attempts = (await h.rowOf(key))!.attempts;
    expect(attempts).toBeGreaterThanOrEqual(4);

    // The mailbox works now, yet replaying again sends nothing: failed is final.
    await replayAt(entry);
    await replayDeadLetters(h.kafka, h.publisher, h.service.topology, { all: true });
    await settled();
    expect(h.sink.mailsFor(key)).toHaveLength(0);
    expect(await h.rowOf(key)).toMatchObject({ status: 'failed', attempts });
  });
});
