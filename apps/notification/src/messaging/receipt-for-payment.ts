import { fromJsonString } from '@bufbuild/protobuf';
import { paymentV1 } from '@gaara/contracts';
import { PoisonMessageError } from '@gaara/messaging';
import type { EmailRequest } from '../domain/email-request';

/** `gaara-type` of the events on payments.events. */
export const PAYMENT_EVENT_TYPE = paymentV1.PaymentEventSchema.typeName;

/** Template of the receipt e-mail. */
export const RECEIPT_TEMPLATE = 'invoice_receipt';

/** Idempotency key of a payment's receipt: one receipt per payment, however often the event arrives. */
export function receiptKey(paymentId: string): string {
  return `receipt:${paymentId}`;
}

/** Parses a PaymentEvent; malformed JSON or a missing payment id is poison (DLT at once). */
export function parsePaymentEvent(value: string): paymentV1.PaymentEvent {
  let event: paymentV1.PaymentEvent;
  try {
    event = fromJsonString(paymentV1.PaymentEventSchema, value, { ignoreUnknownFields: true });
  } catch (error: unknown) {
    throw new PoisonMessageError(`not a PaymentEvent: ${String(error).slice(0, 200)}`);
  }
  if (event.paymentId === '' || event.invoiceId === '') {
    throw new PoisonMessageError('PaymentEvent without payment_id or invoice_id');
  }
  return event;
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
