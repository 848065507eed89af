import vocabulary from './catalog-vocabulary.json';

/** Word lists the seed catalogue is built from: one entry per category, with its own nouns and materials. */
export interface CategoryVocabulary {
  readonly slug: string;
  /** Three upper-case letters at the start of each SKU. */
  readonly skuPrefix: string;
  readonly nouns: readonly string[];
  readonly materials: readonly string[];
  /** Price range of one item, in minor units, both ends included. */
  readonly priceMinor: { readonly min: number; readonly max: number };
  readonly blurb: string;
}

// The words are data, kept in catalog-vocabulary.json; this file only gives them their types.
export const ADJECTIVES: readonly string[] = vocabulary.adjectives;
export const FEATURES: readonly string[] = vocabulary.features;
export const CATEGORIES: readonly CategoryVocabulary[] = vocabulary.categories;
