import { create } from '@bufbuild/protobuf';
import { catalogV1 } from '@gaara/contracts';
import { UnavailableError } from '@gaara/grpc';
import { BreakerRegistry, createPolicy } from '@gaara/resilience';
import { ServiceUnavailableError } from '../errors/gateway-errors';
import { ProductCatalog } from './product-catalog';

/** A catalog whose price and availability the test sets; counts the GetProduct calls. */
function fakeCatalog() {
  const state = { priceMinor: 1000n, down: false, slow: false, calls: 0 };
  const client = {
    getProduct: async ({ id }: { id: string }, options: { signal?: AbortSignal }) => {
      state.calls += 1;
      await Promise.resolve();
      if (state.down) throw new UnavailableError('catalog is down');
      if (state.slow) {
        await new Promise((resolve) =>
          options.signal?.addEventListener('abort', resolve, { once: true }),
        );
        throw new UnavailableError('catalog timed out');
      }
      return create(catalogV1.GetProductResponseSchema, {
        product: { id, sku: 'SKU-1', name: 'Mug', currency: 'EUR', priceMinor: state.priceMinor },
      });
    },
    listProducts: () => Promise.reject(new Error('not used')),
  };
  return { state, client };
}

function catalogWith(freshMs: number, answerWithinMs?: number) {
  const clock = { now: Date.UTC(2026, 11, 2, 8, 0, 0) };
  const { state, client } = fakeCatalog();
  const policy = createPolicy(
    'catalog',
    { retry: { maxAttempts: 1 } },
    { registry: new BreakerRegistry() },
  );
  const products = new ProductCatalog(client as never, policy, {
    maxEntries: 10,
    ttlMs: 60_000,
    freshMs,
    answerWithinMs,
    now: () => clock.now,
  });
  return { products, state, clock, policy };
}

describe('ProductCatalog', () => {
  it('answers a loaded product from memory for freshMs, then shows a price change', async () => {
    const { products, state, clock, policy } = catalogWith(1000);
    expect((await products.get('p1')).product.priceMinor).toBe(1000);
    state.priceMinor = 1250n;
    clock.now += 1000;
    expect(await products.get('p1')).toMatchObject({
      product: { priceMinor: 1000 },
      cached: false,
    });
    expect(state.calls).toBe(1);
    clock.now += 1;
    expect((await products.get('p1')).product.priceMinor).toBe(1250);
    expect(state.calls).toBe(2);
    policy.dispose();
  });

  it('shares one catalog call between concurrent lookups of one product', async () => {
    const { products, state, policy } = catalogWith(1000);
    const answers = await Promise.all([1, 2, 3, 4].map(() => products.get('p1')));
    expect(answers.map((a) => a.product.id)).toEqual(['p1', 'p1', 'p1', 'p1']);
    expect(state.calls).toBe(1);
    policy.dispose();
  });

  it('asks catalog every time with freshMs 0', async () => {
    const { products, state, policy } = catalogWith(0);
    await products.get('p1');
    await products.get('p1');
    expect(state.calls).toBe(2);
    policy.dispose();
  });

  it('falls back to the last good copy, marked cached with when it was loaded, once catalog fails', async () => {
    const { products, state, clock, policy } = catalogWith(1000);
    const loadedAt = clock.now;
    await products.get('p1');
    state.down = true;
    clock.now += 5000;
    expect(await products.get('p1')).toMatchObject({
      product: { priceMinor: 1000 },
      cached: true,
      cachedAt: new Date(loadedAt).toISOString(),
    });
    await expect(products.get('p2')).rejects.toBeInstanceOf(ServiceUnavailableError);
    policy.dispose();
  });

  it('answers the last good copy when catalog is slower than answerWithinMs, and 503 without one (issue #12)', async () => {
    const { products, state, clock, policy } = catalogWith(1000, 50);
    const loadedAt = clock.now;
    await products.get('p1');
    state.slow = true;
    clock.now += 5000;
    const started = performance.now();
    expect(await products.get('p1')).toMatchObject({
      product: { priceMinor: 1000 },
      cached: true,
      cachedAt: new Date(loadedAt).toISOString(),
    });
    await expect(products.get('p2')).rejects.toBeInstanceOf(ServiceUnavailableError);
    // Both answered at the budget, not after the policy's 5 s timeout.
    expect(performance.now() - started).toBeLessThan(1000);
    policy.dispose();
  });
});
