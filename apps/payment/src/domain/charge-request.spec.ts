import { parseChargeRequest, paymentIdForInvoice, type ChargeRequestInput } from './charge-request';
import { InvalidRequestError } from './payment-errors';

const valid: ChargeRequestInput = {
  invoiceId: 'inv-1',
  amountMinor: 1250n,
  currency: 'EUR',
  paymentMethodToken: 'tok_visa',
  idempotencyKey: '',
  receiptEmail: 'ada@example.com',
};

function violationsOf(input: ChargeRequestInput): string[] {
  try {
    parseChargeRequest(input);
  } catch (error: unknown) {
    if (error instanceof InvalidRequestError) return error.violations.map((v) => v.field);
    throw error;
  }
  return [];
}

describe('parseChargeRequest', () => {
  it('derives the payment id from the invoice when no key is given', () => {
    expect(parseChargeRequest(valid).paymentId).toBe(paymentIdForInvoice('inv-1'));
    expect(parseChargeRequest(valid).paymentId).toBe('pay_inv-1');
  });

  it('uses the idempotency key as payment id and treats an empty e-mail as none', () => {
    const request = parseChargeRequest({ ...valid, idempotencyKey: 'key-42', receiptEmail: '' });
    expect(request).toMatchObject({ paymentId: 'key-42', receiptEmail: undefined });
  });

  it.each<[string, Partial<ChargeRequestInput>, string]>([
    ['zero amount', { amountMinor: 0n }, 'amount_minor'],
    ['negative amount', { amountMinor: -5n }, 'amount_minor'],
    ['lower-case currency', { currency: 'eur' }, 'currency'],
    ['four-letter currency', { currency: 'EURO' }, 'currency'],
    ['card number as token', { paymentMethodToken: '4242424242424242' }, 'payment_method_token'],
    ['token with a dash', { paymentMethodToken: 'tok_vi-sa' }, 'payment_method_token'],
    ['empty invoice id', { invoiceId: '' }, 'invoice_id'],
    ['bad e-mail', { receiptEmail: 'not-an-address' }, 'receipt_email'],
    ['key with spaces', { idempotencyKey: 'a b' }, 'idempotency_key'],
  ])('rejects %s', (_, change, field) => {
    expect(violationsOf({ ...valid, ...change })).toEqual([field]);
  });

  it('lists every violation at once and never echoes the token', () => {
    let error: unknown;
    try {
      parseChargeRequest({
        ...valid,
        amountMinor: 0n,
        currency: 'x',
        paymentMethodToken: 'secret-4242',
      });
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidRequestError);
    const invalid = error as InvalidRequestError;
    expect(invalid.violations.map((v) => v.field)).toEqual([
      'amount_minor',
      'currency',
      'payment_method_token',
    ]);
    expect(invalid.message).not.toContain('secret-4242');
    expect(invalid.code).toBe('INVALID_REQUEST');
  });
});
