import type { Product } from '../domain/product';
import { ProductCache } from './product-cache';

const product = (stock: number): Product =>
  ({ id: 'p-1', sku: 'SKU-1', name: 'One', stock }) as unknown as Product;

function clock(): { now: () => number; advance(ms: number): void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('ProductCache', () => {
  it('answers from memory for ttlMs after the read began, then reads again', async () => {
    const c = clock();
    const cache = new ProductCache({ ttlMs: 1000, now: c.now });
    const load = jest.fn(async () => product(5));
    expect(await cache.get('p-1', load)).toEqual(product(5));
    c.advance(999);
    await cache.get('p-1', load);
    expect(load).toHaveBeenCalledTimes(1);
    c.advance(1);
    await cache.get('p-1', load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reads every time with ttlMs 0 and never keeps an unknown id', async () => {
    const off = new ProductCache({ ttlMs: 0 });
    const load = jest.fn(async () => product(1));
    await off.get('p-1', load);
    await off.get('p-1', load);
    expect(load).toHaveBeenCalledTimes(2);
    const on = new ProductCache({ ttlMs: 60_000 });
    const missing = jest.fn(async () => undefined);
    await on.get('p-1', missing);
    await on.get('p-1', missing);
    expect(missing).toHaveBeenCalledTimes(2);
  });

  it('forgets invalidated products at once', async () => {
    const cache = new ProductCache({ ttlMs: 60_000 });
    await cache.get('p-1', async () => product(5));
    cache.invalidate(['p-1']);
    expect(await cache.get('p-1', async () => product(4))).toEqual(product(4));
  });

  it('does not store a read that was in flight when an invalidation came (it may predate the change)', async () => {
    const cache = new ProductCache({ ttlMs: 60_000 });
    let finish!: (p: Product) => void;
    const slow = cache.get('p-1', () => new Promise<Product>((resolve) => (finish = resolve)));
    cache.invalidate(['p-1']);
    finish(product(5));
    expect(await slow).toEqual(product(5));
    expect(await cache.get('p-1', async () => product(4))).toEqual(product(4));
  });

  it('keeps at most maxEntries, dropping the oldest', async () => {
    const cache = new ProductCache({ ttlMs: 60_000, maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) await cache.get(id, async () => product(1));
    const load = jest.fn(async () => product(2));
    await cache.get('a', load);
    await cache.get('c', load);
    expect(load).toHaveBeenCalledTimes(1);
  });
});
