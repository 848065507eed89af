import { paymentV1 } from '@gaara/contracts';
import { paymentEventCodec } from '@gaara/topology/codecs';
import type { EmailRequest } from '../domain/email-request';

/** `gaara-type` of the events on payments.events. */
export const PAYMENT_EVENT_TYPE = paymentEventCodec.type;

/** Template of the receipt e-mail. */
export const RECEIPT_TEMPLATE = 'invoice_receipt';

/** Idempotency key of a payment's receipt: one receipt per payment, however often the event arrives. */
export function receiptKey(paymentId: string): string {
  return `receipt:${paymentId}`;
}

/** The receipt a SUCCEEDED payment asks for; undefined for other outcomes or without an address. */
export function receiptRequest(event: paymentV1.PaymentEvent): EmailRequest | undefined {
  if (event.status !== paymentV1.PaymentStatus.SUCCEEDED || event.receiptEmail === '') {
    return undefined;
  }
  const params: Record<string, string> = {
    invoice_id: event.invoiceId,
    amount_minor: event.amountMinor.toString(),
    currency: event.currency,
    payment_id: event.paymentId,
  };
  return {
    to: event.receiptEmail,
    template: RECEIPT_TEMPLATE,
    params,
    idempotencyKey: receiptKey(event.paymentId),
  };
}
