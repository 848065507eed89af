import type { Knex, NamedMigration } from '@gaara/db';
import { outboxMigration, outboxQuarantineMigration } from '@gaara/tasks';
import { deadLetteredMigration } from './dead-lettered-migration';

/**
 * The notification schema, in sorted order (runMigrations checks it): numbered app migrations, then the
 * outbox's `outbox_0001_create`, which sorts after them. Tables are unqualified: the pool's search_path
 * starts with the schema.
 */
export const notificationMigrations: readonly NamedMigration[] = [
  {
    name: '0001_notifications',
    up: async (db: Knex) => {
      await db.schema.createTable('notifications', (table) => {
        table.uuid('id').primary();
        // Unique: what makes a redelivered event or a replayed SendEmail a no-op instead of a second e-mail.
        table.text('idempotency_key').notNullable().unique();
        table.text('recipient').notNullable();
        table.text('template').notNullable();
        table.jsonb('params').notNullable();
        // Frozen list: an applied migration never changes; 0002 widens it.
        table
          .text('status')
          .notNullable()
          .checkIn(['pending', 'processing', 'sent', 'queued', 'failed']);
        table.integer('attempts').notNullable().defaultTo(0);
        table.text('last_error');
        // Until when a `processing` claim is held; the sweeper re-queues rows whose lease ran out.
        table.timestamp('lease_until', { useTz: true });
        table.text('message_id');
        table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.index(['status', 'lease_until']);
      });
    },
  },
  deadLetteredMigration,
  outboxMigration(),
  outboxQuarantineMigration(),
];
