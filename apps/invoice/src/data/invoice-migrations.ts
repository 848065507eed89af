import type { Knex, NamedMigration } from '@gaara/db';

/** The invoice schema, in order. Tables are unqualified: the pool's search_path starts with the schema. */
export const invoiceMigrations: readonly NamedMigration[] = [
  {
    name: '0001_invoices',
    up: async (db: Knex) => {
      await db.schema.createTable('invoices', (table) => {
        table.uuid('id').primary();
        // Insertion order for "newest first" paging: exact and unique, unlike timestamps.
        table.bigIncrements('seq', { primaryKey: false }).unique();
        table.text('customer_id').notNullable();
        table.text('customer_email').notNullable();
        table.specificType('currency', 'char(3)').notNullable();
        table.bigInteger('subtotal_minor').notNullable();
        table.bigInteger('total_minor').notNullable();
        table.text('status').notNullable().checkIn(['pending', 'paid', 'failed']);
        table.text('payment_id');
        table.text('failure_reason');
        // NULL when the caller sent none; unique otherwise, which is what makes replays return the same invoice.
        table.text('idempotency_key').unique();
        table.text('request_fingerprint').notNullable();
        table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.index(['customer_id', 'seq']);
        table.index(['status', 'seq']);
      });
      await db.schema.createTable('invoice_lines', (table) => {
        table
          .uuid('invoice_id')
          .notNullable()
          .references('id')
          .inTable('invoices')
          .onDelete('CASCADE');
        table.integer('line_no').notNullable();
        table.text('product_id').notNullable();
        table.integer('quantity').notNullable().checkPositive();
        table.bigInteger('unit_price_minor').notNullable();
        table.bigInteger('line_total_minor').notNullable();
        table.primary(['invoice_id', 'line_no']);
      });
    },
  },
  {
    name: '0002_current_payment',
    up: async (db: Knex) => {
      await db.schema.alterTable('invoices', (table) => {
        // The payment a re-charge reopened the invoice for; NULL while the order's first payment is the only one.
        table.text('current_payment_id');
      });
    },
  },
];
