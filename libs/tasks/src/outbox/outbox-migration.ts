import type { Knex, NamedMigration } from '@gaara/db';

/** Default name of the outbox table. */
export const DEFAULT_OUTBOX_TABLE = 'outbox';

/**
 * The migration creating the outbox table (unqualified: the pool's search_path picks the schema). Named
 * `<table>_0001_create`, which sorts after numbered app migrations such as `0001_payments`.
 */
export function outboxMigration(table: string = DEFAULT_OUTBOX_TABLE): NamedMigration {
  return {
    name: `${table}_0001_create`,
    up: async (db: Knex) => {
      await db.schema.createTable(table, (t) => {
        // Relay order: rows leave in id order, so messages of one key keep their order.
        t.bigIncrements('id').primary();
        t.text('topic').notNullable();
        t.text('key');
        t.text('value').notNullable();
        // Message headers plus the W3C trace context of the transaction that wrote the row.
        t.jsonb('headers').notNullable().defaultTo('{}');
        t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
    },
  };
}

/**
 * The migration adding the relay's claim lease and quarantine columns to the outbox table, named
 * `<table>_0002_quarantine` (sorts right after `<table>_0001_create`); the relay of this version needs it.
 */
export function outboxQuarantineMigration(table: string = DEFAULT_OUTBOX_TABLE): NamedMigration {
  return {
    name: `${table}_0002_quarantine`,
    up: async (db: Knex) => {
      await db.schema.alterTable(table, (t) => {
        // Until when a relay owns the row while it publishes outside any transaction; NULL or past: claimable.
        t.timestamp('claimed_until', { useTz: true });
        // Set when the row itself cannot be published (bad headers, a topic Kafka rejects): skipped from then on.
        t.timestamp('failed_at', { useTz: true });
        t.text('failure');
      });
    },
  };
}
