import { buildSeedCatalog, uuidFromName } from './catalog-seed';

describe('seed catalogue', () => {
  const products = buildSeedCatalog();

  it('has at least 200 products with unique ids, SKUs and names', () => {
    expect(products.length).toBeGreaterThanOrEqual(200);
    for (const key of ['id', 'sku', 'name'] as const) {
      expect(new Set(products.map((p) => p[key])).size).toBe(products.length);
    }
  });

  it('is the same on every run', () => {
    expect(buildSeedCatalog()).toEqual(products);
    expect(uuidFromName('KIT-0001')).toBe(products[0].id);
  });

  it('prices every product in positive integer minor units ending in 99', () => {
    for (const product of products) {
      expect(product.price_minor).toMatch(/^[1-9][0-9]*99$/);
      expect(product.stock).toBeGreaterThanOrEqual(0);
      expect(product.currency).toBe('EUR');
    }
  });

  it('spreads products over several categories, some sold out', () => {
    expect(new Set(products.map((p) => p.category)).size).toBe(8);
    expect(products.some((p) => p.stock === 0)).toBe(true);
  });
});
