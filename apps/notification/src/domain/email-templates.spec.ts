import { renderTemplate, templateViolations } from './email-templates';
import { formatMinorUnits } from './format-money';

const receipt = { invoice_id: 'inv-42', amount_minor: '123456', currency: 'eur' };

describe('email templates', () => {
  it('renders the invoice receipt with the amount formatted from minor units', () => {
    expect(templateViolations('invoice_receipt', receipt)).toEqual([]);
    const email = renderTemplate('invoice_receipt', { ...receipt, payment_id: 'pay-1' });
    expect(email.subject).toBe('Your receipt for invoice inv-42');
    expect(email.text).toContain('Amount paid: 1234.56 EUR');
    expect(email.text).toContain('Payment reference: pay-1');
  });

  it('rejects an unknown template', () => {
    expect(templateViolations('welcome', {})).toEqual([
      { field: 'template', description: 'must be one of invoice_receipt' },
    ]);
  });

  it('names every missing param, then malformed ones', () => {
    expect(templateViolations('invoice_receipt', { invoice_id: 'x' }).map((v) => v.field)).toEqual([
      'params.amount_minor',
      'params.currency',
    ]);
    expect(
      templateViolations('invoice_receipt', {
        ...receipt,
        amount_minor: '12.5',
        currency: 'XX1',
      }).map((v) => v.field),
    ).toEqual(['params.amount_minor', 'params.currency']);
  });
});

describe('formatMinorUnits', () => {
  it.each([
    [123456n, 'EUR', '1234.56 EUR'],
    [5n, 'usd', '0.05 USD'],
    [500n, 'JPY', '500 JPY'],
    [1234n, 'KWD', '1.234 KWD'],
    [-250n, 'EUR', '-2.50 EUR'],
  ])('formats %s %s as %s', (amount, currency, expected) =>
    expect(formatMinorUnits(amount, currency)).toBe(expected),
  );
});
