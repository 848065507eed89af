// Reading a product's stock through the gateway, as the stock and re-charge specs check it.
import { call } from '../harness';

/** A product's stock as GET /api/products answers it. */
export interface ProductStock {
  readonly id: string;
  readonly sku: string;
  readonly stock: number;
  readonly onHand: number;
  readonly reserved: number;
}

/** The stock of one product, through the gateway at `gw`. */
export async function productStock(gw: string, id: string): Promise<ProductStock> {
  return (await call(gw, `/api/products/${id}`)).body.product as ProductStock;
}

/** Products of the seeded catalogue whose available stock is within [min, max], most stocked first. */
export async function productsWithStock(
  gw: string,
  min: number,
  max: number,
): Promise<ProductStock[]> {
  const page = await call(gw, '/api/products?pageSize=100');
  return (page.body.products as ProductStock[])
    .filter((p) => p.stock >= min && p.stock <= max)
    .sort((a, b) => b.stock - a.stock);
}
