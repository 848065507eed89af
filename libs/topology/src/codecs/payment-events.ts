import { paymentV1 } from '@gaara/contracts';
import { protoJsonCodec } from '@gaara/messaging';

/** The messages on payments.events (written by payment through its outbox, read by invoice and notification). */
export const paymentEventCodec = protoJsonCodec(paymentV1.PaymentEventSchema, [
  'paymentId',
  'invoiceId',
]);
