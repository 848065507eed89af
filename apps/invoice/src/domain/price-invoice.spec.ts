import { InvalidRequestError } from './invoice-errors';
import { priceInvoice, type PricedProduct } from './price-invoice';

const product = (id: string, priceMinor: bigint, currency = 'EUR'): PricedProduct => ({
  id,
  priceMinor,
  currency,
});

describe('priceInvoice', () => {
  it('multiplies and sums in bigint minor units, without float rounding', () => {
    const products = new Map([
      ['a', product('a', 1999n)],
      ['b', product('b', 10n)],
    ]);
    const priced = priceInvoice(
      [
        { productId: 'a', quantity: 3 },
        { productId: 'b', quantity: 7 },
      ],
      products,
    );
    expect(priced.lines.map((l) => l.lineTotalMinor)).toEqual([5997n, 70n]);
    expect(priced.subtotalMinor).toBe(6067n);
    expect(priced.totalMinor).toBe(6067n);
    expect(priced.currency).toBe('EUR');
  });

  it('keeps exact totals beyond Number.MAX_SAFE_INTEGER', () => {
    const priced = priceInvoice(
      [{ productId: 'a', quantity: 1_000_000 }],
      new Map([['a', product('a', 9_007_199_254_741n)]]),
    );
    expect(priced.totalMinor).toBe(9_007_199_254_741_000_000n);
  });

  it('names every unknown product and every item in another currency', () => {
    const products = new Map<string, PricedProduct | undefined>([
      ['a', product('a', 100n)],
      ['usd', product('usd', 100n, 'USD')],
      ['gone', undefined],
    ]);
    try {
      priceInvoice(
        [
          { productId: 'a', quantity: 1 },
          { productId: 'gone', quantity: 1 },
          { productId: 'usd', quantity: 1 },
        ],
        products,
      );
      throw new Error('expected a rejection');
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).violations.map((v) => v.field)).toEqual([
        'items[1].product_id',
        'items[2].product_id',
      ]);
    }
  });
});
