import type { Knex, NamedMigration } from '@gaara/db';
import { outboxMigration, outboxQuarantineMigration } from '@gaara/tasks';

/** Unique index: no two succeeded payments of one invoice. */
export const ONE_SUCCESS_PER_INVOICE = 'payments_one_success_per_invoice';
/** Unique index: no two payments of one invoice that are not failed (succeeded, in flight or waiting). */
export const ONE_LIVE_PER_INVOICE = 'payments_one_live_per_invoice';

/** The payment schema, in order. Tables are unqualified: the pool's search_path starts with the schema. */
export const paymentMigrations: readonly NamedMigration[] = [
  {
    name: '0001_payments',
    up: async (db: Knex) => {
      await db.schema.createTable('payments', (table) => {
        // The idempotency key: sent to the provider on every attempt.
        table.text('id').primary();
        table.text('invoice_id').notNullable();
        table.bigInteger('amount_minor').notNullable();
        table.specificType('currency', 'char(3)').notNullable();
        // Secret; kept only while the charge may still be retried, NULL once succeeded or failed.
        table.text('payment_method_token');
        table.text('receipt_email');
        table
          .text('status')
          .notNullable()
          .checkIn(['pending', 'processing', 'succeeded', 'failed', 'queued', 'dead_lettered']);
        // Provider calls made (claims taken); the fence of every outcome write.
        table.integer('attempts').notNullable().defaultTo(0);
        table.text('provider_charge_id');
        table.text('last_error');
        // Deadline for progress; past it the sweeper re-queues the payment. NULL when final or dead-lettered.
        table.timestamp('lease_until', { useTz: true });
        // ChargeTask.attempts_before of the retry chain whose messages are valid; NULL before the first queueing.
        table.integer('retry_base');
        // Index of the tier the chain's next valid message sits on.
        table.integer('retry_tier');
        table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.index(['invoice_id']);
        table.index(['status', 'lease_until']);
      });
    },
  },
  outboxMigration(),
  outboxQuarantineMigration(),
  {
    name: 'payments_0002_one_charge_per_invoice',
    up: async (db: Knex) => {
      // The database's own word that an invoice is charged at most once, whatever the code above does.
      await db.raw(
        `CREATE UNIQUE INDEX ${ONE_SUCCESS_PER_INVOICE} ON payments (invoice_id) WHERE status = 'succeeded'`,
      );
      // At most one payment per invoice that succeeded or may still call the provider: a re-charge is only
      // admitted once every earlier payment of the invoice failed for good (see data/payment-claims.ts, 7).
      await db.raw(
        `CREATE UNIQUE INDEX ${ONE_LIVE_PER_INVOICE} ON payments (invoice_id) WHERE status <> 'failed'`,
      );
    },
  },
];
