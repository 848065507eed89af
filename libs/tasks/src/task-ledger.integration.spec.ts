// The task ledger against the local stack's PostgreSQL (started by this project's globalSetup), never mocked.
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import { dropSchema, testDatabaseUrl, uniqueSchemaName } from '@gaara/db/testing';
import { leaseFromNow } from './lease';
import { onOutboxCommitted } from './outbox/outbox-commits';
import { outboxMigration } from './outbox/outbox-migration';
import { TaskLedger } from './task-ledger';

interface TaskRow {
  id: string;
  status: string;
  attempts: number;
  note: string | null;
  lease_until: Date | null;
  updated_at: Date;
  chain: number | null;
  tier: number | null;
}

const schema = uniqueSchemaName('tasks');
let db: Knex;
let ledger: TaskLedger<TaskRow>;
/** The same table where a dead_lettered row without a chain (legacy) is replayable by any chain. */
let legacyLedger: TaskLedger<TaskRow>;

beforeAll(async () => {
  db = createDatabase({ url: testDatabaseUrl(), schema, pool: { min: 0, max: 4 } });
  await runMigrations(db, {
    schema,
    migrations: [
      {
        name: '0001_tasks',
        up: async (knex) => {
          await knex.schema.createTable('tasks', (table) => {
            table.text('id').primary();
            table.text('status').notNullable();
            table.integer('attempts').notNullable().defaultTo(0);
            table.timestamp('lease_until', { useTz: true });
            table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
            table.text('note');
            // The retry chain (payment's retry_base) and tier of a queued row; the chain stays when dead-lettered.
            table.integer('chain');
            table.integer('tier');
          });
        },
      },
      outboxMigration(),
    ],
  });
  ledger = new TaskLedger<TaskRow>(db, 'tasks', { deadLetterChain: 'chain' });
  legacyLedger = new TaskLedger<TaskRow>(db, 'tasks', {
    deadLetterChain: 'chain',
    replayUnchained: true,
  });
});

afterAll(async () => {
  await dropSchema(db, schema);
  await db.destroy();
});

const message = (id: string) => ({ topic: 't', key: id, value: id });
const row = async (id: string): Promise<TaskRow> =>
  (await db<TaskRow>('tasks').where({ id }).first())!;
/** Milliseconds from the database's now() to the row's lease deadline. */
const leaseLeftMs = async (id: string): Promise<number> =>
  Number(
    (
      await db('tasks')
        .where({ id })
        .first<{ ms: string }>(db.raw(`extract(epoch from (lease_until - now())) * 1000 as ms`))
    ).ms,
  );
const outboxCount = async (): Promise<number> =>
  Number((await db('outbox').count({ n: '*' }))[0]['n']);

describe('TaskLedger', () => {
  it('claims a task for exactly one attempt', async () => {
    await db('tasks').insert({ id: 'a', status: 'queued', attempts: 0 });
    const match = (q: Knex.QueryBuilder) => q.where({ id: 'a', status: 'queued', attempts: 0 });
    const [first, second] = await Promise.all([
      ledger.claim(match, 10_000),
      ledger.claim(match, 10_000),
    ]);
    const claimed = [first, second].filter((row) => row !== undefined);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ status: 'processing', attempts: 1 });
  });

  it('records an outcome and its messages once, fenced on the claimed attempt', async () => {
    await db('tasks').insert({ id: 'b', status: 'processing', attempts: 2 });
    const before = await outboxCount();
    expect(
      await ledger.record({ id: 'b', attempts: 1 }, { status: 'done' }, [message('b')]),
    ).toBeUndefined();
    expect(await outboxCount()).toBe(before);
    const row = await ledger.record({ id: 'b', attempts: 2 }, { status: 'done', note: 'ok' }, [
      message('b'),
    ]);
    expect(row).toMatchObject({ status: 'done', note: 'ok' });
    expect(await outboxCount()).toBe(before + 1);
    expect(await ledger.record({ id: 'b', attempts: 2 }, { status: 'done' })).toBeUndefined();
  });

  it('records an outcome with its messages in one statement, in order, and wakes the relays (issue #10)', async () => {
    await db('tasks').insert({ id: 'one-statement', status: 'processing', attempts: 1 });
    const woken: string[] = [];
    const stopListening = onOutboxCommitted('outbox', () => woken.push('outbox'));
    const statements: string[] = [];
    const count = (query: { sql: string }): void => void statements.push(query.sql);
    db.on('query', count);
    try {
      const messages = [
        { topic: 't', key: 'one-statement', value: 'first', headers: { 'x-kind': 'event' } },
        { topic: 't', key: 'one-statement', value: 'second' },
      ];
      await ledger.record({ id: 'one-statement', attempts: 1 }, { status: 'done' }, messages);
    } finally {
      db.off('query', count);
      stopListening();
    }
    expect(statements).toHaveLength(1);
    expect(woken).toEqual(['outbox']);
    const rows = await db('outbox').where({ key: 'one-statement' }).orderBy('id');
    expect(rows.map((r: { value: string }) => r.value)).toEqual(['first', 'second']);
    expect(rows[0]).toMatchObject({ topic: 't', headers: { 'x-kind': 'event' } });
  });

  it('re-queues only expired leases, with one message each', async () => {
    await db('tasks').insert([
      {
        id: 'c',
        status: 'processing',
        attempts: 1,
        lease_until: db.raw(`now() - interval '1 second'`),
      },
      { id: 'd', status: 'processing', attempts: 1, lease_until: leaseFromNow(db, 60_000) },
    ]);
    const before = await outboxCount();
    const requeued = await ledger.requeueExpired({
      statuses: ['processing'],
      limit: 10,
      changes: () => ({ status: 'queued', note: 'lease expired' }),
      messageFor: (row) => message(row.id),
    });
    expect(requeued.map((row) => row.id)).toEqual(['c']);
    expect(await db('tasks').where({ id: 'c' }).first()).toMatchObject({
      status: 'queued',
      note: 'lease expired',
    });
    expect(await db('tasks').where({ id: 'd' }).first()).toMatchObject({ status: 'processing' });
    expect(await outboxCount()).toBe(before + 1);
  });

  it('records a final outcome of an attempt the sweeper re-queued, unless a later attempt claimed it (issue #12)', async () => {
    await db('tasks').insert({
      id: 'final',
      status: 'processing',
      attempts: 3,
      lease_until: db.raw(`now() - interval '1 second'`),
    });
    await ledger.requeueExpired({
      statuses: ['processing'],
      limit: 10,
      changes: () => ({ status: 'queued' }),
      messageFor: (r) => message(r.id),
    });
    expect(await ledger.record({ id: 'final', attempts: 3 }, { status: 'sent' })).toBeUndefined();
    expect(
      await ledger.recordFinal({ id: 'final', attempts: 3 }, { status: 'sent' }),
    ).toMatchObject({
      status: 'sent',
      attempts: 3,
    });
    // The re-queued task finds nothing waiting: it claims nothing and sends nothing again.
    const match = (q: Knex.QueryBuilder) => q.where({ id: 'final', status: 'queued', attempts: 3 });
    expect(await ledger.claim(match, 60_000)).toBeUndefined();
    // Written again (its first answer lost): still this attempt's outcome, not a lost claim.
    expect(
      await ledger.recordFinal({ id: 'final', attempts: 3 }, { status: 'sent' }),
    ).toMatchObject({
      status: 'sent',
    });

    await db('tasks').insert({ id: 'reclaimed', status: 'queued', attempts: 3 });
    const later = (q: Knex.QueryBuilder) =>
      q.where({ id: 'reclaimed', status: 'queued', attempts: 3 });
    expect(await ledger.claim(later, 60_000)).toMatchObject({ attempts: 4 });
    expect(
      await ledger.recordFinal({ id: 'reclaimed', attempts: 3 }, { status: 'sent' }),
    ).toBeUndefined();
  });

  it('claims a queued row only for the task it waits for, once', async () => {
    await db('tasks').insert({ id: 'e', status: 'queued', attempts: 2, chain: 1, tier: 1 });
    const stale = { id: 'e', queued: { chain: 1, tier: 0 } };
    expect(await ledger.claimWaiting(stale, 10_000)).toBeUndefined();
    expect(await ledger.claimWaiting({ id: 'e', queued: { chain: 0, tier: 1 } }, 10_000)).toBe(
      undefined,
    );
    // A replay does not claim a queued row: it waits for its tier task.
    expect(await ledger.claimWaiting({ id: 'e', replayOf: 1 }, 10_000)).toBeUndefined();
    const current = { id: 'e', queued: { chain: 1, tier: 1 } };
    const [first, second] = await Promise.all([
      ledger.claimWaiting(current, 10_000),
      ledger.claimWaiting(current, 10_000),
    ]);
    const claimed = [first, second].filter((claim) => claim !== undefined);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ status: 'processing', attempts: 3, chain: 1, tier: 1 });
    expect(await leaseLeftMs('e')).toBeGreaterThan(9_000);
  });

  it('claims a dead-lettered row only for a replay of the chain that dead-lettered it', async () => {
    await db('tasks').insert([
      { id: 'f', status: 'dead_lettered', attempts: 4, chain: 2, tier: 0 },
      { id: 'g', status: 'dead_lettered', attempts: 4, chain: null },
    ]);
    // Not a replay, or another chain's: stale.
    expect(await ledger.claimWaiting({ id: 'f', queued: { chain: 2, tier: 0 } }, 10_000)).toBe(
      undefined,
    );
    expect(await ledger.claimWaiting({ id: 'f', replayOf: 1 }, 10_000)).toBeUndefined();
    expect(await ledger.claimWaiting({ id: 'f' }, 10_000)).toBeUndefined();
    const replay = { id: 'f', queued: { chain: 2, tier: 0 }, replayOf: 2 };
    const [first, second] = await Promise.all([
      ledger.claimWaiting(replay, 10_000),
      ledger.claimWaiting(replay, 10_000),
    ]);
    expect([first, second].filter((claim) => claim !== undefined)).toEqual([
      expect.objectContaining({ id: 'f', status: 'processing', attempts: 5 }),
    ]);
    // A row dead-lettered without a chain: only a ledger with replayUnchained lets a replay claim it.
    expect(await ledger.claimWaiting({ id: 'g', replayOf: 7 }, 10_000)).toBeUndefined();
    expect(await legacyLedger.claimWaiting({ id: 'g', replayOf: 7 }, 10_000)).toMatchObject({
      status: 'processing',
      attempts: 5,
    });
  });

  it('renews the lease of the attempt that holds the row, and of no other', async () => {
    await db('tasks').insert({
      id: 'r',
      status: 'processing',
      attempts: 2,
      lease_until: leaseFromNow(db, 100),
      updated_at: db.raw(`now() - interval '1 minute'`),
    });
    const before = await row('r');
    expect(await ledger.renewLease({ id: 'r', attempts: 2 }, 30_000)).toBe(true);
    expect(await leaseLeftMs('r')).toBeGreaterThan(29_000);
    expect(await row('r')).toMatchObject({
      status: 'processing',
      attempts: 2,
      updated_at: before.updated_at,
    });
    // An older attempt (its claim taken over) or a finished row renews nothing.
    expect(await ledger.renewLease({ id: 'r', attempts: 1 }, 60_000)).toBe(false);
    await db('tasks').where({ id: 'r' }).update({ status: 'done' });
    expect(await ledger.renewLease({ id: 'r', attempts: 2 }, 60_000)).toBe(false);
    expect(await leaseLeftMs('r')).toBeLessThanOrEqual(30_001);
  });

  it('holds a deferred queued row: its lease only grows, nothing else changes', async () => {
    await db('tasks').insert({
      id: 'h',
      status: 'queued',
      attempts: 1,
      chain: 1,
      tier: 0,
      lease_until: leaseFromNow(db, 1_000),
      updated_at: db.raw(`now() - interval '1 minute'`),
    });
    const before = await row('h');
    const waiting = { id: 'h', queued: { chain: 1, tier: 0 } };
    expect(await ledger.holdWaiting(waiting, 30_000.2)).toBe(true);
    const held = await leaseLeftMs('h');
    expect(held).toBeGreaterThan(29_000);
    expect(held).toBeLessThanOrEqual(30_001);
    // A shorter hold never shortens the lease.
    expect(await ledger.holdWaiting(waiting, 500)).toBe(true);
    expect(await leaseLeftMs('h')).toBeGreaterThan(29_000);
    expect(await row('h')).toMatchObject({
      status: 'queued',
      attempts: 1,
      chain: 1,
      tier: 0,
      updated_at: before.updated_at,
    });
    // A stale or duplicate task holds nothing.
    expect(await ledger.holdWaiting({ id: 'h', queued: { chain: 1, tier: 1 } }, 30_000)).toBe(
      false,
    );
    expect(await ledger.holdWaiting({ id: 'missing', queued: { chain: 1, tier: 0 } }, 30_000)).toBe(
      false,
    );
  });

  it('holds for a replay without giving a dead-lettered row a lease', async () => {
    await db('tasks').insert({ id: 'i', status: 'dead_lettered', attempts: 3, chain: 1, tier: 0 });
    expect(await ledger.holdWaiting({ id: 'i', replayOf: 1 }, 30_000)).toBe(true);
    expect(await row('i')).toMatchObject({ status: 'dead_lettered', lease_until: null });
    expect(await ledger.holdWaiting({ id: 'i', replayOf: 2 }, 30_000)).toBe(false);
  });

  it('counts rows per status, optionally only those changed since a time', async () => {
    const counts = await ledger.countByStatus();
    const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
    expect(total).toBe(Number((await db('tasks').count({ n: '*' }))[0]['n']));
    expect(counts.get('processing')).toBe(
      Number((await db('tasks').where({ status: 'processing' }).count({ n: '*' }))[0]['n']),
    );
    await db('tasks').insert({ id: 'j', status: 'fresh', attempts: 0 });
    const since = await ledger.countByStatus(new Date(Date.now() - 60_000));
    expect(since.get('fresh')).toBe(1);
    expect(await ledger.countByStatus(new Date(Date.now() + 60_000))).toEqual(new Map());
  });
});
