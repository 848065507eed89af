import { closedObject, isoTimeOrNull, minorUnitsSchema, pageSchema, ref } from './schema-parts';

const unitsSchema = { type: 'integer', minimum: 0 } as const;

/** A product as the HTTP API shows it (json/product-json.ts builds it). */
export const productSchema = {
  $id: 'Product',
  ...closedObject({
    id: { type: 'string' },
    sku: { type: 'string' },
    name: { type: 'string' },
    description: { type: 'string' },
    category: { type: 'string' },
    priceMinor: minorUnitsSchema,
    currency: { type: 'string', description: 'ISO 4217, e.g. EUR' },
    stock: { ...unitsSchema, description: 'units that can be ordered: onHand less reserved' },
    onHand: { ...unitsSchema, description: 'units in the warehouse, reserved ones included' },
    reserved: { ...unitsSchema, description: 'units held by orders whose payment has not settled' },
    createdAt: isoTimeOrNull,
    updatedAt: isoTimeOrNull,
  }),
} as const;

export const productPageSchema = pageSchema('ProductPage', 'products', productSchema);

export const productAnswerSchema = {
  $id: 'ProductAnswer',
  ...closedObject(
    {
      product: ref(productSchema),
      cached: {
        type: 'boolean',
        description: 'true when catalog could not answer and this is the last good copy',
      },
      cachedAt: {
        type: 'string',
        format: 'date-time',
        description: 'when the copy was taken; only when cached',
      },
    },
    ['cachedAt'],
  ),
} as const;
