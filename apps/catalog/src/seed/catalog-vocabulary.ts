/** Word lists the seed catalogue is built from: one entry per category, with its own nouns and materials. */
export interface CategoryVocabulary {
  readonly slug: string;
  /** Three upper-case letters at the start of each SKU. */
  readonly skuPrefix: string;
  readonly nouns: readonly string[];
  readonly materials: readonly string[];
  /** Price range of one item, in minor units. */
  readonly priceMinor: readonly [number, number];
  readonly blurb: string;
}

export const ADJECTIVES = [
  'Classic',
  'Compact',
  'Rustic',
  'Modern',
  'Handcrafted',
  'Minimalist',
  'Vintage',
  'Sturdy',
  'Lightweight',
  'Deluxe',
] as const;

export const FEATURES = [
  'Backed by a two-year warranty.',
  'Ships in recyclable packaging.',
  'Designed in Lisbon, made in Portugal.',
  'Easy to clean and built to last.',
  'A customer favourite since 2019.',
  'Assembled by hand in small batches.',
] as const;

export const CATEGORIES: readonly CategoryVocabulary[] = [
  {
    slug: 'kitchen',
    skuPrefix: 'KIT',
    nouns: ['Chef Knife', 'Cutting Board', 'Saucepan'],
    materials: ['stainless steel', 'walnut', 'cast iron', 'bamboo'],
    priceMinor: [1499, 12999],
    blurb: 'For everyday cooking at home.',
  },
  {
    slug: 'furniture',
    skuPrefix: 'FUR',
    nouns: ['Side Table', 'Bookshelf', 'Lounge Chair'],
    materials: ['solid oak', 'beech', 'powder-coated steel', 'rattan'],
    priceMinor: [4999, 59999],
    blurb: 'Furniture that fits small and large rooms alike.',
  },
  {
    slug: 'garden',
    skuPrefix: 'GAR',
    nouns: ['Planter', 'Watering Can', 'Pruning Shears'],
    materials: ['terracotta', 'galvanised steel', 'recycled plastic', 'teak'],
    priceMinor: [999, 8999],
    blurb: 'Tools and pots for balconies and gardens.',
  },
  {
    slug: 'lighting',
    skuPrefix: 'LIG',
    nouns: ['Desk Lamp', 'Pendant Light', 'Floor Lamp'],
    materials: ['brushed brass', 'frosted glass', 'linen', 'aluminium'],
    priceMinor: [2999, 24999],
    blurb: 'Warm light with LED bulbs included.',
  },
  {
    slug: 'textiles',
    skuPrefix: 'TEX',
    nouns: ['Throw Blanket', 'Cushion Cover', 'Bath Towel'],
    materials: ['organic cotton', 'merino wool', 'washed linen', 'alpaca'],
    priceMinor: [1299, 14999],
    blurb: 'Soft textiles, machine washable at 40 °C.',
  },
  {
    slug: 'stationery',
    skuPrefix: 'STA',
    nouns: ['Notebook', 'Fountain Pen', 'Desk Organiser'],
    materials: ['recycled paper', 'anodised aluminium', 'cork', 'leather'],
    priceMinor: [499, 6999],
    blurb: 'For writing, sketching and keeping a tidy desk.',
  },
  {
    slug: 'outdoor',
    skuPrefix: 'OUT',
    nouns: ['Backpack', 'Camping Mug', 'Hammock'],
    materials: ['ripstop nylon', 'enamelled steel', 'waxed canvas', 'titanium'],
    priceMinor: [1999, 19999],
    blurb: 'Gear for weekends outside.',
  },
  {
    slug: 'tableware',
    skuPrefix: 'TAB',
    nouns: ['Dinner Plate', 'Serving Bowl', 'Tumbler Set'],
    materials: ['stoneware', 'porcelain', 'borosilicate glass', 'olive wood'],
    priceMinor: [899, 7999],
    blurb: 'Dishwasher-safe pieces for the table.',
  },
];
