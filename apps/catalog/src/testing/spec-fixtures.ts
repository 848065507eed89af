// Fixtures of catalog's own specs: products with stock of their own (and reservations of it), and what the event
// handler logged.
import { randomUUID } from 'node:crypto';
import type { Knex } from '@gaara/db';
import type { TestCatalog } from './test-catalog';

/** Inserts a fresh product with `units` on hand (so specs never share stock) and answers its id. */
export async function insertProductWith(db: Knex, units: number, label: string): Promise<string> {
  const id = randomUUID();
  await db('products').insert({
    id,
    sku: `${label.slice(0, 1).toUpperCase()}-${id.slice(0, 8)}`,
    name: `${label} ${id.slice(0, 8)}`,
    description: `for the ${label} tests`,
    category: 'test',
    price_minor: 1000,
    currency: 'EUR',
    stock: units,
  });
  return id;
}

/** A logger recording, per invoice id, what the payment-events handler did with each event (result or line). */
export function handledByInvoice() {
  const handled = new Map<string, string[]>();
  const record = (fields: object, msg: string): void => {
    const { invoiceId, result } = fields as { invoiceId?: string; result?: string };
    if (invoiceId !== undefined)
      handled.set(invoiceId, [...(handled.get(invoiceId) ?? []), result ?? msg]);
  };
  const logger = { info: record, warn: record, error: () => undefined, debug: () => undefined };
  return { handled, logger };
}

/** Units on hand and reserved of product `id`. */
export const unitsOf = (db: Knex, id: string) =>
  db('products').where({ id }).first<{ stock: number; reserved: number }>('stock', 'reserved');

/** Reserves `quantity` of a fresh product with `units` on hand under a new reservation id; answers both ids. */
export async function reserveFreshProduct(
  catalog: TestCatalog,
  units: number,
  quantity: number,
  label: string,
): Promise<{ product: string; id: string }> {
  const product = await insertProductWith(catalog.db, units, label);
  const id = randomUUID();
  await catalog.server.stock.reserve(id, [{ productId: product, quantity }]);
  return { product, id };
}
