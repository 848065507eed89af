/** A product as the catalog stores it. Prices are integer minor units (1999 = 19.99), never floats. */
export interface Product {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly priceMinor: bigint;
  /** ISO 4217 code, e.g. EUR. */
  readonly currency: string;
  /** Units available to order: {@link onHand} less {@link reserved}. */
  readonly stock: number;
  /** Units in the warehouse, reserved ones included (sold ones are gone). */
  readonly onHand: number;
  /** Units held by orders whose payment has not settled. */
  readonly reserved: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One page of a product listing; `nextPageToken` is empty on the last page. */
export interface ProductPage {
  readonly products: readonly Product[];
  readonly nextPageToken: string;
}
