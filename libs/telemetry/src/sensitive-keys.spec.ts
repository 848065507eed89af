import { isSensitiveKey, REDACTED, redactSensitive } from './sensitive-keys';

describe('isSensitiveKey', () => {
  it.each([
    'card',
    'cardNumber',
    'card_number',
    'CardCvc',
    'paymentCardNumber',
    'cvv',
    'pan',
    'token',
    'accessToken',
    'refresh_token',
    'Authorization',
    'password',
    'dbPassword',
    'clientSecret',
    'apiKey',
    'email',
    'customerEmail',
    'cookie',
  ])('redacts %s', (key) => expect(isSensitiveKey(key)).toBe(true));

  it.each([
    'paymentId',
    'amount',
    'currency',
    'status',
    'trace_id',
    'span_id',
    'company',
    'panel',
    'discard',
  ])('keeps %s', (key) => expect(isSensitiveKey(key)).toBe(false));
});

describe('redactSensitive', () => {
  it('does not change the object it was given', () => {
    const input = { user: { email: 'a@b.c' } };
    expect(redactSensitive(input)).toEqual({ user: { email: REDACTED } });
    expect(input.user.email).toBe('a@b.c');
  });

  it('passes non-plain objects through', () => {
    const error = new Error('x');
    const date = new Date(0);
    expect(redactSensitive({ err: error, at: date })).toEqual({ err: error, at: date });
  });
});
