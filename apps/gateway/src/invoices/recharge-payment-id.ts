import { v5 as uuidV5 } from 'uuid';

/** Namespace of re-charge payment ids (a fixed random UUID: changing it would re-key every re-charge). */
const RECHARGE_PAYMENT_NAMESPACE = '6f1d2b8e-4c3a-4e57-9a0b-2d7c5e8f1a36';

/**
 * The payment id of a re-charge: derived (UUIDv5) from the invoice and the client's Idempotency-Key, so
 * concurrent repeats of one request create one payment, and one key used on two invoices makes two.
 */
export function rechargePaymentId(invoiceId: string, idempotencyKey: string): string {
  return `pay_${uuidV5(`${invoiceId}\n${idempotencyKey}`, RECHARGE_PAYMENT_NAMESPACE)}`;
}
