import { OrderLog, orderRequests, productRequests } from './store-workload';

describe('store bench workload', () => {
  it('looks the products up in turn', () => {
    const next = productRequests(['a', 'b']);
    expect([next().path, next().path, next().path]).toEqual([
      '/api/products/b',
      '/api/products/a',
      '/api/products/b',
    ]);
  });

  it('orders one unit with tok_visa and a fresh idempotency key each time', () => {
    const next = orderRequests(['p1'], 'on');
    const [a, b] = [next(), next()].map(
      (r) => JSON.parse(r.body ?? '{}') as Record<string, unknown>,
    );
    expect(a).toMatchObject({
      paymentMethod: 'tok_visa',
      items: [{ productId: 'p1', quantity: 1 }],
    });
    expect(a['idempotencyKey']).not.toEqual(b['idempotencyKey']);
    expect(String(a['idempotencyKey'])).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
  });

  it('keeps the ids of 202 answers only, counting unreadable ones', () => {
    const log = new OrderLog();
    log.record(
      202,
      JSON.stringify({ invoice: { id: 'i1' }, payment: { id: 'p1', status: 'succeeded' } }),
    );
    log.record(409, JSON.stringify({ invoice: { id: 'i2' }, payment: { id: 'p2' } }));
    log.record(202, 'not json');
    log.record(202, JSON.stringify({ invoice: {} }));
    expect(log.orders.map((o) => [o.invoiceId, o.paymentId, o.answeredStatus])).toEqual([
      ['i1', 'p1', 'succeeded'],
    ]);
    expect(log.unreadable).toBe(2);
  });
});
