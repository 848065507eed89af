import { z } from 'zod';
import { decodeFilteredPageToken, encodePageToken, type Knex } from '@gaara/db';
import { InvalidRequestError } from '../domain/catalog-errors';
import type { ListQuery } from '../domain/list-request';
import type { Product, ProductPage } from '../domain/product';
import type { ProductCache } from './product-cache';

/** A products row as pg returns it (int8 arrives as a string). */
export interface ProductRow {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  price_minor: string;
  currency: string;
  /** On hand, reserved units included. */
  stock: number;
  reserved: number;
  created_at: Date;
  updated_at: Date;
}

/** Where the next page starts, plus the filter it belongs to (a token is only valid for the same filter). */
const cursorSchema = z.object({
  v: z.literal(1),
  name: z.string(),
  id: z.uuid(),
  category: z.string().nullable(),
});

/** Reads products; every call is one statement, so callers may retry it. */
export class ProductRepository {
  constructor(
    private readonly db: Knex,
    /** Answers repeated lookups from memory (see its staleness bound); none reads every time. */
    private readonly cache?: ProductCache,
  ) {}

  /** The product with `id` (a validated UUID), or undefined. */
  async findById(id: string): Promise<Product | undefined> {
    const read = async (): Promise<Product | undefined> => {
      const row = await this.db<ProductRow>('products').where({ id }).first();
      return row === undefined ? undefined : toProduct(row);
    };
    return this.cache === undefined ? read() : this.cache.get(id, read);
  }

  /** One page in (name, id) order; throws InvalidRequestError for a token not issued for this query. */
  async list(query: ListQuery): Promise<ProductPage> {
    const category = query.category ?? null;
    const cursor = query.pageToken === '' ? undefined : readCursor(query.pageToken, category);
    const rows = await this.db<ProductRow>('products')
      .modify((builder) => {
        if (category !== null) void builder.where({ category });
        if (cursor) void builder.whereRaw('(name, id) > (?, ?)', [cursor.name, cursor.id]);
      })
      .orderBy([{ column: 'name' }, { column: 'id' }])
      .limit(query.pageSize + 1);
    const page = rows.slice(0, query.pageSize);
    const last = page.at(-1);
    const nextPageToken =
      rows.length > query.pageSize && last
        ? encodePageToken({ v: 1, name: last.name, id: last.id, category })
        : '';
    return { products: page.map(toProduct), nextPageToken };
  }
}

function readCursor(token: string, category: string | null): z.infer<typeof cursorSchema> {
  return decodeFilteredPageToken(token, cursorSchema, {
    sameFilters: (cursor) => cursor.category === category,
    otherFilters: 'was issued for a different category filter',
    refuse: (violation) => new InvalidRequestError([violation]),
  });
}

/** A product from its row: `stock` is what can be ordered (on hand less reserved). */
export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    category: row.category,
    priceMinor: BigInt(row.price_minor),
    currency: row.currency,
    stock: row.stock - row.reserved,
    onHand: row.stock,
    reserved: row.reserved,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
