import { CustomerTokens } from './invoices/customer-tokens';
import { fakeOrder } from './testing/fake-backends';
import {
  startGatewayHarness,
  testAdminToken,
  testCustomerTokenSecret,
  type GatewayHarness,
} from './testing/gateway-harness';

const tokens = new CustomerTokens(testCustomerTokenSecret);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('invoices are scoped to their customer (fake backends)', () => {
  let h: GatewayHarness;
  beforeAll(async () => (h = await startGatewayHarness()));
  afterAll(() => h.close());

  const listWith = (headers: Record<string, string>, query = '') =>
    h.app.inject({ url: `/api/invoices${query}`, headers });

  it('GET /api/invoices without a token, or with a forged one → 401, and invoice is not asked', async () => {
    const forged = `${Buffer.from('c-1').toString('base64url')}.${'A'.repeat(43)}`;
    const calls = h.invoice.calls;
    for (const headers of [
      {},
      bearer(forged),
      bearer('not-a-token'),
      bearer(tokens.issue('c-1') + 'x'),
    ]) {
      const response = await listWith(headers);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
    expect(h.invoice.calls).toBe(calls);
  });

  it("the customer token of POST /api/orders lists that customer's invoices only", async () => {
    const placed = await h.app.inject({ method: 'POST', url: '/api/orders', payload: fakeOrder });
    expect(placed.statusCode).toBe(202);
    const { customerToken } = placed.json();
    expect(customerToken).toBe(tokens.issue('c-1'));
    const own = await listWith(bearer(customerToken));
    expect(own.json()).toMatchObject({
      invoices: [{ id: 'inv-1', customerId: 'c-1', customerEmail: 'c1@example.com' }],
    });
    // Another customer's token, or asking for another customer, shows nothing of c-1's.
    expect((await listWith(bearer(tokens.issue('c-2')))).json()).toEqual({
      invoices: [],
      nextPageToken: '',
    });
    expect((await listWith(bearer(customerToken), '?customerId=c-2')).json().invoices).toEqual([]);
    expect(
      (await listWith(bearer(tokens.issue('c-2')), '?customerId=c-1')).json().invoices,
    ).toEqual([]);
  });

  it('the admin token lists every customer', async () => {
    const response = await listWith(bearer(testAdminToken));
    expect(response.json()).toMatchObject({ invoices: [{ id: 'inv-1', customerId: 'c-1' }] });
  });

  it("GET /api/invoices/:id shows the e-mail only to its customer's token or the admin token", async () => {
    const emailWith = async (headers: Record<string, string>) =>
      (await h.app.inject({ url: '/api/invoices/inv-1', headers })).json().invoice.customerEmail;
    expect(await emailWith({})).toBe('[redacted]');
    expect(await emailWith(bearer(tokens.issue('c-2')))).toBe('[redacted]');
    expect(await emailWith(bearer(tokens.issue('c-1')))).toBe('c1@example.com');
    expect(await emailWith(bearer(testAdminToken))).toBe('c1@example.com');
  });
});
