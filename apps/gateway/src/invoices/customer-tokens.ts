import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed per-customer bearer tokens: `<base64url(customerId)>.<base64url(HMAC-SHA256(customerId, secret))>`.
 * POST /api/orders hands one out for the order's customer; GET /api/invoices accepts it as that customer's
 * identity. Stateless: the secret (GAARA_CUSTOMER_TOKEN_SECRET) is all the gateway keeps.
 */
export class CustomerTokens {
  constructor(private readonly secret: string) {
    if (secret === '') throw new RangeError('the customer token secret must not be empty');
  }

  /** The token of `customerId`; the same id always gives the same token. */
  issue(customerId: string): string {
    return `${Buffer.from(customerId, 'utf8').toString('base64url')}.${this.signature(customerId).toString('base64url')}`;
  }

  /** The customer `token` was issued for, or undefined when it is malformed or not signed with our secret. */
  customerOf(token: string): string | undefined {
    const [encodedId, encodedSignature, ...rest] = token.split('.');
    if (encodedId === undefined || encodedSignature === undefined || rest.length > 0)
      return undefined;
    const customerId = Buffer.from(encodedId, 'base64url').toString('utf8');
    const presented = Buffer.from(encodedSignature, 'base64url');
    const expected = this.signature(customerId);
    // Constant time, so timing reveals nothing about the signature; lengths differ only for forgeries.
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
      return undefined;
    return customerId === '' ? undefined : customerId;
  }

  private signature(customerId: string): Buffer {
    return createHmac('sha256', this.secret).update(customerId, 'utf8').digest();
  }
}
