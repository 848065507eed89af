import { randomUUID } from 'node:crypto';
import { v5 as uuidV5 } from 'uuid';

/** Namespace of invoice ids derived from idempotency keys (a fixed random UUID: changing it re-keys every order). */
const INVOICE_ID_NAMESPACE = '0d35c558-680b-4ef5-bc15-90cbbebcb4cb';

/**
 * The id a new invoice gets: derived from its idempotency key (UUIDv5), so concurrent repeats of one order
 * reserve its stock under the same id once; random without a key.
 */
export function invoiceIdFor(idempotencyKey: string): string {
  return idempotencyKey === '' ? randomUUID() : uuidV5(idempotencyKey, INVOICE_ID_NAMESPACE);
}
