import { createHash } from 'node:crypto';
import { ADJECTIVES, CATEGORIES, FEATURES, type CategoryVocabulary } from './catalog-vocabulary';

/** A product to insert; ids are derived from the SKU so every fresh database gets the same ids. */
export interface SeedProduct {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly price_minor: string;
  readonly currency: string;
  readonly stock: number;
}

/** Products per category: 10 adjectives × 3 nouns, so every name is unique. */
const PER_CATEGORY = 30;

/** The seed catalogue: 240 products over 8 categories, the same on every run (no randomness, no network). */
export function buildSeedCatalog(): SeedProduct[] {
  return CATEGORIES.flatMap((category) =>
    Array.from({ length: PER_CATEGORY }, (_, index) => seedProduct(category, index)),
  );
}

function seedProduct(category: CategoryVocabulary, index: number): SeedProduct {
  const adjective = ADJECTIVES[index % ADJECTIVES.length];
  const noun = category.nouns[Math.floor(index / ADJECTIVES.length) % category.nouns.length];
  const material = category.materials[(index * 7) % category.materials.length];
  const sku = `${category.skuPrefix}-${String(index + 1).padStart(4, '0')}`;
  const feature = FEATURES[(index * 5) % FEATURES.length];
  return {
    id: uuidFromName(sku),
    sku,
    name: `${adjective} ${capitalise(material)} ${noun}`,
    description: `${adjective} ${noun.toLowerCase()} in ${material}. ${category.blurb} ${feature}`,
    category: category.slug,
    price_minor: String(priceFor(category.priceMinor, sku)),
    currency: 'EUR',
    // Every 13th product is sold out, so the store shows some out-of-stock items.
    stock: index % 13 === 12 ? 0 : 1 + (hashOf(`${sku}:stock`) % 150),
  };
}

/** A price in minor units inside `range` ending in 99 (e.g. 2499 = 24.99), chosen by hash so it is stable. */
function priceFor({ min, max }: CategoryVocabulary['priceMinor'], sku: string): number {
  const steps = Math.floor((max - min) / 100);
  return min + (hashOf(`${sku}:price`) % (steps + 1)) * 100;
}

/** Name-based UUID (version 5 layout over SHA-1), stable for a given SKU. */
export function uuidFromName(name: string): string {
  const bytes = createHash('sha1').update(`gaara.catalog:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function hashOf(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}

function capitalise(text: string): string {
  return text.replace(/(^|[\s-])\p{L}/gu, (match) => match.toUpperCase());
}
