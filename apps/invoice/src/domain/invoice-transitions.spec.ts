import { IllegalTransitionError } from './invoice-errors';
import { decideFailed, decidePaid, decideReopened } from './invoice-transitions';

const invoice = (
  status: 'pending' | 'paid' | 'failed',
  paymentId?: string,
  currentPaymentId?: string,
) => ({ id: 'inv-1', status, paymentId, currentPaymentId });

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
  it('fails a pending invoice by its first payment or by its current one', () => {
    expect(decideFailed(invoice('pending'), 'p1')).toBe('changed');
    expect(decideFailed(invoice('pending', undefined, 'p2'), 'p2')).toBe('changed');
  });
  it('treats failing again as a no-op', () =>
    expect(decideFailed(invoice('failed'))).toBe('unchanged'));
  it('refuses to fail a paid invoice', () =>
    expect(() => decideFailed(invoice('paid', 'p1'))).toThrow(IllegalTransitionError));
  it('refuses a late failure of an earlier payment while a re-charge is pending', () =>
    expect(() => decideFailed(invoice('pending', undefined, 'p2'), 'p1')).toThrow(
      /waits on payment p2/,
    ));
  it('reopens a failed invoice for a new payment, once', () => {
    expect(decideReopened(invoice('failed'), 'p2')).toBe('changed');
    expect(decideReopened(invoice('pending', undefined, 'p2'), 'p2')).toBe('unchanged');
  });
  it.each([
    [invoice('pending'), 'p2'],
    [invoice('pending', undefined, 'p2'), 'p3'],
    [invoice('paid', 'p2', 'p2'), 'p2'],
  ])('refuses to reopen %o for %s', (current, paymentId) =>
    expect(() => decideReopened(current, paymentId)).toThrow(IllegalTransitionError),
  );
});
