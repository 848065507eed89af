import type { Knex, NamedMigration } from '@gaara/db';
import { outboxMigration } from '@gaara/messaging';
import { NOTIFICATION_STATUSES } from '../domain/notification';

/** The notification schema, in order. Tables are unqualified: the pool's search_path starts with the schema. */
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
        table
          .text('status')
          .notNullable()
          .checkIn([...NOTIFICATION_STATUSES]);
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
  outboxMigration(),
];
