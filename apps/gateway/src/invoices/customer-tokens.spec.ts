import { CustomerTokens } from './customer-tokens';

describe('CustomerTokens', () => {
  const tokens = new CustomerTokens('secret-1');

  it('gives each customer a stable token that names them back', () => {
    const token = tokens.issue('c-1');
    expect(tokens.issue('c-1')).toBe(token);
    expect(tokens.issue('c-2')).not.toBe(token);
    expect(tokens.customerOf(token)).toBe('c-1');
  });

  it('refuses tokens of another secret, edited ids, and malformed text', () => {
    const token = tokens.issue('c-1');
    const [, signature] = token.split('.');
    expect(new CustomerTokens('secret-2').customerOf(token)).toBeUndefined();
    expect(
      tokens.customerOf(`${Buffer.from('c-2').toString('base64url')}.${signature}`),
    ).toBeUndefined();
    for (const bad of ['', '.', 'abc', `${token}.x`, `${token}x`, token.slice(0, -2)]) {
      expect(tokens.customerOf(bad)).toBeUndefined();
    }
  });

  it('refuses an empty secret', () => {
    expect(() => new CustomerTokens('')).toThrow(RangeError);
  });
});
