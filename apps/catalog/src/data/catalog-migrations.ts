import type { Knex, NamedMigration } from '@gaara/db';

/** The catalog's schema, in order. Tables are unqualified: the pool's search_path starts with the schema. */
export const catalogMigrations: readonly NamedMigration[] = [
  {
    name: '0001_products',
    up: async (db: Knex) => {
      await db.schema.createTable('products', (table) => {
        table.uuid('id').primary();
        table.text('sku').notNullable().unique();
        table.text('name').notNullable();
        table.text('description').notNullable();
        table.text('category').notNullable();
        table.bigInteger('price_minor').notNullable().checkPositive();
        table.specificType('currency', 'char(3)').notNullable();
        table.integer('stock').notNullable().checkBetween([0, 2_147_483_647]);
        table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        // Keyset paging walks (name, id), optionally within a category.
        table.index(['name', 'id']);
        table.index(['category', 'name', 'id']);
      });
    },
  },
  {
    name: '0002_stock_reservations',
    up: async (db: Knex) => {
      // products.stock stays the units on hand; reserved ones are counted apart, never more than on hand.
      await db.schema.alterTable('products', (table) => {
        table.integer('reserved').notNullable().defaultTo(0);
        table.check('reserved >= 0 and reserved <= stock', [], 'products_reserved_within_stock');
      });
      await db.schema.createTable('reservations', (table) => {
        // The order's invoice id.
        table.uuid('id').primary();
        table.text('status').notNullable().checkIn(['held', 'confirmed', 'released', 'shortfall']);
        table.timestamp('held_until', { useTz: true });
        table.text('reason').notNullable().defaultTo('');
        table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
        table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
      });
      // The expiry sweep walks held reservations by deadline.
      await db.raw(
        "create index reservations_held_until on reservations (held_until) where status = 'held'",
      );
      await db.schema.createTable('reservation_lines', (table) => {
        table.uuid('reservation_id').notNullable().references('id').inTable('reservations');
        table.uuid('product_id').notNullable().references('id').inTable('products');
        table.integer('quantity').notNullable().checkPositive();
        table.primary(['reservation_id', 'product_id']);
      });
    },
  },
  {
    // Issue #12: a late FAILED of a payment before a re-charge must not release the hold the re-charge renewed.
    name: '0003_reservation_payment',
    up: async (db: Knex) => {
      await db.schema.alterTable('reservations', (table) => {
        // The payment the hold waits for; null: the order's first, any payment's outcome settles it.
        table.text('payment_id');
      });
    },
  },
];
