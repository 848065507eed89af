import { parseEmailRequest } from './email-request';
import { messageIdFor } from './message-id';
import { InvalidEmailRequestError } from './notification-errors';
import { sanitizeErrorText } from './sanitize';

const valid = {
  to: 'ada@example.com',
  template: 'invoice_receipt',
  params: { invoice_id: 'inv-1', amount_minor: '100', currency: 'EUR' },
  idempotencyKey: 'receipt:p1',
};

function violationsOf(request: typeof valid): string[] {
  try {
    parseEmailRequest(request);
    return [];
  } catch (error: unknown) {
    if (!(error instanceof InvalidEmailRequestError)) throw error;
    return error.violations.map((v) => v.field);
  }
}

describe('parseEmailRequest', () => {
  it('accepts a valid request unchanged', () => expect(parseEmailRequest(valid)).toEqual(valid));

  it('gives a request without idempotency key a random one', () => {
    const first = parseEmailRequest({ ...valid, idempotencyKey: '' });
    const second = parseEmailRequest({ ...valid, idempotencyKey: '' });
    expect(first.idempotencyKey).toMatch(/^rpc:/);
    expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
  });

  it.each([
    'nope',
    'a@b',
    'Ada <ada@example.com>',
    'a@example.com, b@example.com',
    'a@ex\r\nample.com',
  ])('rejects the address %j', (to) => expect(violationsOf({ ...valid, to })).toEqual(['to']));

  it('reports every violation at once', () =>
    expect(
      violationsOf({ ...valid, to: 'x', template: 'nope', idempotencyKey: 'k'.repeat(201) }),
    ).toEqual(['to', 'template', 'idempotency_key']));
});

describe('messageIdFor', () => {
  it('derives a stable Message-ID from the idempotency key', () => {
    expect(messageIdFor('receipt:pay-1')).toBe('<receipt-pay-1@gaara.store>');
    expect(messageIdFor('receipt:pay-1')).toBe(messageIdFor('receipt:pay-1'));
  });
});

describe('sanitizeErrorText', () => {
  it('masks addresses, flattens and caps the text', () => {
    expect(sanitizeErrorText('550 5.1.1 <bob@example.com>:\n user unknown')).toBe(
      '550 5.1.1 <<address>>: user unknown',
    );
    expect(sanitizeErrorText('x'.repeat(600))).toHaveLength(500);
  });
});
