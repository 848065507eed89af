// The gateway calls the stock and re-charge specs share, against their store's gateway.
import { call, eventually } from '../harness';
import type { OrderBody } from './order-body';
import { postOrderAsClient } from './order-answers';
import { productStock, productsWithStock, type ProductStock } from './product-stock';

/** Calls of the gateway at the URL `gw()` answers when called (the store starts in a beforeAll). */
export function gatewayCalls(gw: () => string) {
  const stockUntil = (what: string, id: string, done: (stock: ProductStock) => boolean) =>
    eventually(what, () => productStock(gw(), id), done, 30_000, 200);
  return {
    /** The stock of one product. */
    productStock: (id: string): Promise<ProductStock> => productStock(gw(), id),
    /** Polls the stock of product `id` every 200 ms until `done` holds (30 s at the most); `what` names the wait. */
    stockUntil,
    /** Waits as {@link stockUntil} until `quantity` units of `before` (its stock read earlier) are sold. */
    unitsSold: (before: ProductStock, quantity: number) =>
      stockUntil(
        'units sold',
        before.id,
        (p) => p.reserved === 0 && p.onHand === before.onHand - quantity,
      ),
    /** Seeded products whose available stock is within [min, max], most stocked first. */
    productsWithStock: (min: number, max: number): Promise<ProductStock[]> =>
      productsWithStock(gw(), min, max),
    /**
     * POST /api/orders, repeated with the same key while the API asks to (see isOrderToRepeat), 15 s at the most;
     * `repeats` says how often it was repeated (see isPlaced).
     */
    postOrder: (body: OrderBody) => postOrderAsClient(gw(), body),
    /** The status of invoice `id` as GET /api/invoices/:id answers it. */
    invoiceStatus: async (id: string): Promise<string> =>
      (await call(gw(), `/api/invoices/${id}`)).body.invoice.status,
  };
}
