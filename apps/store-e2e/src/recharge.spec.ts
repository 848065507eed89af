// Re-charging a declined order end to end: every process really started (built dist) with real PostgreSQL and
// real Kafka (topics under a unique prefix). A declined card releases the order's units; a new payment attempt
// (POST /api/invoices/:id/payments, new Idempotency-Key) holds them again and charges the invoice once.
import { randomUUID } from 'node:crypto';
import { call, eventually } from './harness';
import { gatewayCalls } from './testing/gateway-calls';
import { isPlaced } from './testing/order-answers';
import { orderBody } from './testing/order-body';
import type { ProductStock } from './testing/product-stock';
import { sandboxSession } from './testing/sandbox-session';

const session = sandboxSession({ stepTimeoutMs: 90_000, startTimeoutMs: 120_000 });
const { step } = session;
const shop = gatewayCalls(() => session.gw);

/** Places an order with a declined card; waits until its invoice failed and its units are back. */
async function declinedOrder(product: ProductStock, quantity: number) {
  const body = orderBody('recharge', product.id, quantity, 'tok_chargeDeclined');
  const answer = await shop.postOrder(body);
  expect(isPlaced(answer)).toBe(true);
  const invoiceId = answer.body.invoice.id as string;
  await eventually(
    `invoice ${invoiceId} failed`,
    () => shop.invoiceStatus(invoiceId),
    (s) => s === 'failed',
    30_000,
    200,
  );
  await shop.stockUntil('units released by the FAILED event', product.id, (p) => p.reserved === 0);
  return {
    invoiceId,
    email: body.customerEmail,
    firstPaymentId: answer.body.payment.id as string,
    customerToken: answer.body.customerToken as string,
  };
}

const recharge = (invoiceId: string, customerToken: string, key: string) =>
  call(session.gw, `/api/invoices/${invoiceId}/payments`, {
    method: 'POST',
    json: { paymentMethod: 'tok_visa' },
    headers: { authorization: `Bearer ${customerToken}`, 'idempotency-key': key },
    timeoutMs: 15_000,
  });

/** Charges the provider made for the order whose receipt goes to `email` (unique per order). */
const chargesOf = async (email: string) =>
  (await session.sandbox.charges()).filter((c) => c.receiptEmail === email);

const receiptsFor = async (paymentId: string): Promise<number> =>
  (await session.sandbox.messages()).filter(
    (m) => m.headers['x-gaara-idempotency-key'] === `receipt:${paymentId}`,
  ).length;

describe('a declined order paid again', () => {
  step(
    'declined → units released → re-charge under a new key → paid, charged once, one receipt, units sold',
    async () => {
      const [product] = await shop.productsWithStock(5, 1000);
      const placed = await declinedOrder(product!, 2);
      const key = `attempt-${randomUUID()}`;
      const answer = await recharge(placed.invoiceId, placed.customerToken, key);
      expect(answer.status).toBe(202);
      const paymentId = answer.body.payment.id as string;
      expect(paymentId).not.toBe(placed.firstPaymentId);
      expect(answer.body).toMatchObject({
        invoice: { id: placed.invoiceId, status: 'pending' },
        payment: { replayed: false },
      });
      await eventually(
        'invoice paid by the new payment',
        async () => (await call(session.gw, `/api/invoices/${placed.invoiceId}`)).body.invoice,
        (invoice) => invoice.status === 'paid' && invoice.paymentId === paymentId,
        30_000,
        200,
      );
      await eventually(
        'one receipt for the new payment',
        () => receiptsFor(paymentId),
        (n) => n === 1,
        30_000,
        200,
      );
      await shop.unitsSold(product!, 2);
      // The same request again is answered again; nothing more is charged.
      const again = await recharge(placed.invoiceId, placed.customerToken, key);
      expect(again.status).toBe(202);
      expect(again.body.payment).toMatchObject({ id: paymentId, replayed: true });
      // Another key for the paid invoice is refused.
      const late = await recharge(placed.invoiceId, placed.customerToken, `late-${randomUUID()}`);
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'paid' });
      const charges = await chargesOf(placed.email);
      expect(charges.map((c) => c.idempotencyKey)).toEqual([paymentId]);
      expect(await receiptsFor(paymentId)).toBe(1);
      expect(await receiptsFor(placed.firstPaymentId)).toBe(0);
      expect(await shop.invoiceStatus(placed.invoiceId)).toBe('paid');
    },
  );

  step(
    'declined, then the stock sold to someone else → re-charge refused 409, nothing charged',
    async () => {
      const [product] = (await shop.productsWithStock(3, 12)).reverse();
      const placed = await declinedOrder(product!, 2);
      const rest = await shop.postOrder(
        orderBody('recharge', product!.id, product!.stock, 'tok_visa'),
      );
      expect(isPlaced(rest)).toBe(true);
      await shop.stockUntil('the rest sold', product!.id, (p) => p.onHand === 0);
      const answer = await recharge(
        placed.invoiceId,
        placed.customerToken,
        `attempt-${randomUUID()}`,
      );
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'FAILED_PRECONDITION', reason: 'stock_gone' });
      expect(await chargesOf(placed.email)).toEqual([]);
      expect(await shop.invoiceStatus(placed.invoiceId)).toBe('failed');
      expect(await shop.productStock(product!.id)).toMatchObject({
        stock: 0,
        onHand: 0,
        reserved: 0,
      });
    },
  );
});
