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
];
