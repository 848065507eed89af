import { create } from '@bufbuild/protobuf';
import { paymentV1 } from '@gaara/contracts';
import { PoisonMessageError } from './poison-message-error';
import { protoJsonCodec } from './proto-json-codec';

const codec = protoJsonCodec(paymentV1.PaymentEventSchema, ['paymentId', 'invoiceId']);

describe('protoJsonCodec', () => {
  it('round-trips a message and names its type', () => {
    const event = create(paymentV1.PaymentEventSchema, {
      paymentId: 'p-1',
      invoiceId: 'i-1',
      amountMinor: 4999n,
    });
    expect(codec.decode(codec.encode(event))).toEqual(event);
    expect(codec.type).toBe('gaara.payment.v1.PaymentEvent');
  });

  it('treats malformed JSON and empty required fields as poison, naming the proto fields', () => {
    expect(() => codec.decode('{oops')).toThrow(PoisonMessageError);
    expect(() => codec.decode('{oops')).toThrow(/^not a PaymentEvent: /);
    expect(() => codec.decode('{"paymentId":"p-1"}')).toThrow(
      'PaymentEvent without payment_id or invoice_id',
    );
  });

  it('ignores fields it does not know', () => {
    expect(codec.decode('{"paymentId":"p","invoiceId":"i","fromTheFuture":1}').paymentId).toBe('p');
  });
});
