// Fixtures of catalog's own specs: products with stock of their own, and what the event handler logged.
import { randomUUID } from 'node:crypto';
import type { Knex } from '@gaara/db';

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
