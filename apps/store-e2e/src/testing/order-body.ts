// The body of an order as the stock and re-charge specs place it.
import { randomBytes, randomUUID } from 'node:crypto';

/**
 * A POST /api/orders body for `quantity` of `productId` by the e2e customer `customer` (customerId
 * `e2e-<customer>`), with an email and an idempotency key of its own; `paymentMethod` defaults to a card that pays.
 */
export const orderBody = (
  customer: string,
  productId: string,
  quantity: number,
  paymentMethod = 'tok_visa',
) => ({
  customerId: `e2e-${customer}`,
  customerEmail: `${customer}-${randomBytes(3).toString('hex')}@example.com`,
  paymentMethod,
  idempotencyKey: `order-${randomUUID()}`,
  items: [{ productId, quantity }],
});

export type OrderBody = ReturnType<typeof orderBody>;
