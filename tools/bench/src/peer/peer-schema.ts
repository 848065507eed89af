// The peer baseline's own tables: a copy of the run's seeded products and a small invoice table with lines.
// Created and dropped by the bench (one pool, the same that drops the store's schemas), not by the peer.
import type { Knex } from 'knex';

/**
 * Creates `schema` holding a copy of `catalogSchema.products` (id, name, price, currency) and empty
 * `invoices` / `invoice_lines`. A copy rather than the catalog's own rows, so the peer never waits on the
 * store's row locks; same rows, same sizes, same PostgreSQL.
 */
export async function createPeerSchema(
  db: Knex,
  schema: string,
  catalogSchema: string,
): Promise<number> {
  await db.raw('create schema ??', [schema]);
  await db.raw(
    'create table ??.products as select id, sku, name, description, category, price_minor, currency, stock from ??.products',
    [schema, catalogSchema],
  );
  await db.raw('alter table ??.products add primary key (id)', [schema]);
  await db.raw(
    `create table ??.invoices (
       id uuid primary key,
       idempotency_key text not null unique,
       customer_id text not null,
       customer_email text not null,
       total_minor bigint not null,
       currency char(3) not null,
       status text not null,
       created_at timestamptz not null default now())`,
    [schema],
  );
  await db.raw(
    `create table ??.invoice_lines (
       invoice_id uuid not null references ??.invoices (id),
       product_id uuid not null,
       quantity integer not null check (quantity > 0),
       unit_price_minor bigint not null,
       primary key (invoice_id, product_id))`,
    [schema, schema],
  );
  const [{ count }] = (await db.withSchema(schema).table('products').count({ count: '*' })) as {
    count: string | number;
  }[];
  return Number(count);
}
