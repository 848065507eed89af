import { IllegalTransitionError } from './invoice-errors';
import { decideFailed, decidePaid } from './invoice-transitions';

const invoice = (status: 'pending' | 'paid' | 'failed', paymentId?: string) => ({
  id: 'inv-1',
  status,
  paymentId,
});

describe('invoice status transitions', () => {
  it('pays a pending invoice', () => expect(decidePaid(invoice('pending'), 'p1')).toBe('changed'));
  it('treats paying again with the same payment as a no-op', () =>
    expect(decidePaid(invoice('paid', 'p1'), 'p1')).toBe('unchanged'));
  it.each([
    [invoice('paid', 'p1'), 'p2'],
    [invoice('failed'), 'p1'],
  ])('refuses to pay %o with %s', (current, paymentId) =>
    expect(() => decidePaid(current, paymentId)).toThrow(IllegalTransitionError),
  );
  it('fails a pending invoice', () => expect(decideFailed(invoice('pending'))).toBe('changed'));
  it('treats failing again as a no-op', () =>
    expect(decideFailed(invoice('failed'))).toBe('unchanged'));
  it('refuses to fail a paid invoice', () =>
    expect(() => decideFailed(invoice('paid', 'p1'))).toThrow(IllegalTransitionError));
});
