import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { paymentV1 } from '@gaara/contracts';
import { messageHeaders, type Publisher } from '@gaara/messaging';
import { paymentEventCodec } from '../codecs/payment-events';

/** Publishes a PaymentEvent as the payment service does (JSON, key = invoice id, gaara-type header). */
export async function publishPaymentEvent(
  publisher: Publisher,
  topic: string,
  event: MessageInitShape<typeof paymentV1.PaymentEventSchema>,
): Promise<void> {
  const message = create(paymentV1.PaymentEventSchema, {
    status: paymentV1.PaymentStatus.SUCCEEDED,
    amountMinor: 4999n,
    currency: 'EUR',
    ...event,
  });
  message.eventId ||= `${message.paymentId}:${message.status}`;
  await publisher.publish(topic, [
    {
      key: message.invoiceId,
      value: paymentEventCodec.encode(message),
      headers: { [messageHeaders.type]: paymentEventCodec.type },
    },
  ]);
}
