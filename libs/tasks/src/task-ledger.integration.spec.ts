// The task ledger against the local stack's PostgreSQL (started by this project's globalSetup), never mocked.
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import { dropSchema, testDatabaseUrl, uniqueSchemaName } from '@gaara/db/testing';
import { leaseFromNow } from './lease';
import { outboxMigration } from './outbox/outbox-migration';
import { TaskLedger } from './task-ledger';

interface TaskRow {
  id: string;
  status: string;
  attempts: number;
  note: string | null;
}

const schema = uniqueSchemaName('tasks');
let db: Knex;
let ledger: TaskLedger<TaskRow>;

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
          });
        },
      },
      outboxMigration(),
    ],
  });
  ledger = new TaskLedger<TaskRow>(db, 'tasks');
});

afterAll(async () => {
  await dropSchema(db, schema);
  await db.destroy();
});

const message = (id: string) => ({ topic: 't', key: id, value: id });
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
});
