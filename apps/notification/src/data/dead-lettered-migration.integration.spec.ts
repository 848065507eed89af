import { randomUUID } from 'node:crypto';
import { createDatabase, runMigrations, type Knex } from '@gaara/db';
import { dropSchema, testDatabaseUrl, uniqueSchemaName } from '@gaara/db/testing';
import { notificationMigrations } from './notification-migrations';

// Real PostgreSQL: upgrading a schema created before 0002 (0001 + outbox already applied).
describe('0002_dead_lettered migration', () => {
  const schema = uniqueSchemaName('notification');
  let db: Knex;

  beforeAll(() => {
    db = createDatabase({ url: testDatabaseUrl(), schema, pool: { min: 0, max: 4 } });
  });

  afterAll(async () => {
    if (db) {
      await dropSchema(db, schema);
      await db.destroy();
    }
  });

  const row = (status: string, lastError: string | null) => ({
    id: randomUUID(),
    idempotency_key: randomUUID(),
    recipient: 'ada@example.com',
    template: 'invoice_receipt',
    params: {},
    status,
    attempts: 3,
    last_error: lastError,
  });

  it('runs after the outbox migration, keeps 5xx failures failed and makes exhausted ones replayable', async () => {
    const before = notificationMigrations.filter((m) =>
      ['0001_notifications', 'outbox_0001_create'].includes(m.name),
    );
    expect(before.map((m) => m.name)).toEqual(['0001_notifications', 'outbox_0001_create']);
    await runMigrations(db, { schema, migrations: before });
    const exhausted = row('failed', 'retries exhausted: 451 mailbox busy');
    const permanent = row('failed', 'smtp 550 mailbox unavailable');
    await db('notifications').insert([exhausted, permanent]);
    await expect(db('notifications').insert(row('dead_lettered', null))).rejects.toThrow(/check/);

    const result = await runMigrations(db, { schema, migrations: notificationMigrations });
    expect(result.applied).toEqual(['0002_dead_lettered', 'outbox_0002_quarantine']);
    const statusOf = async (id: string) =>
      (await db('notifications').where({ id }).first()) as Record<string, unknown>;
    expect(await statusOf(exhausted.id)).toMatchObject({
      status: 'dead_lettered',
      dead_letter_base: null,
    });
    expect(await statusOf(permanent.id)).toMatchObject({ status: 'failed' });
    await db('notifications').insert(row('dead_lettered', null));
    await expect(db('notifications').insert(row('lost', null))).rejects.toThrow(/check/);
    expect(
      (await runMigrations(db, { schema, migrations: notificationMigrations })).applied,
    ).toEqual([]);
  });
});
