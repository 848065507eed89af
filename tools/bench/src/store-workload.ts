// The two measured requests, the same for the store and the peer: a product lookup over a set of ids, and an
// order of one unit with a fresh idempotency key paid with the sandbox's succeeding test token.
import { randomUUID } from 'node:crypto';
import type { LoadRequest } from './http-load';
import type { PlacedOrder } from './payment-records';

/** GET /api/products/<id>, the ids in turn. */
export function productRequests(productIds: readonly string[]): () => LoadRequest {
  if (productIds.length === 0) throw new Error('no product ids to look up');
  let next = 0;
  return () => {
    next = (next + 1) % productIds.length;
    return { method: 'GET', path: `/api/products/${productIds[next]}` };
  };
}

/** POST /api/orders of one unit of each product in turn, `tok_visa`, a new idempotency key each time. */
export function orderRequests(productIds: readonly string[], label: string): () => LoadRequest {
  if (productIds.length === 0) throw new Error('no product ids to order');
  let next = 0;
  return () => {
    next = (next + 1) % productIds.length;
    return {
      method: 'POST',
      path: '/api/orders',
      body: JSON.stringify({
        customerId: `bench-${label}`,
        customerEmail: `bench-${label}-${next}@example.com`,
        paymentMethod: 'tok_visa',
        idempotencyKey: `bench-${label}-${randomUUID()}`,
        items: [{ productId: productIds[next], quantity: 1 }],
      }),
    };
  };
}

/** The store's accepted orders, read from the 202 answers (what the settlement check judges). */
export class OrderLog {
  readonly orders: PlacedOrder[] = [];
  /** Answers of 202 whose body named no invoice or payment id (should stay 0). */
  unreadable = 0;

  /** The `onAnswer` of a load round: keeps every 202's invoice and payment ids. */
  readonly record = (status: number, body: string): void => {
    if (status !== 202) return;
    try {
      const answer = JSON.parse(body) as {
        invoice?: { id?: unknown };
        payment?: { id?: unknown; status?: unknown };
      };
      const invoiceId = answer.invoice?.id;
      const paymentId = answer.payment?.id;
      if (typeof invoiceId !== 'string' || typeof paymentId !== 'string') {
        this.unreadable += 1;
        return;
      }
      this.orders.push({
        // The request's key is not in the answer; the payment id is as unique and is what the provider sees.
        key: paymentId,
        invoiceId,
        paymentId,
        answeredStatus:
          typeof answer.payment?.status === 'string' ? answer.payment.status : undefined,
        httpStatus: status,
        tries: 1,
        placedAt: Date.now(),
        // Latencies are kept by the load round's LatencySeries, not per order.
        ms: 0,
      });
    } catch {
      this.unreadable += 1;
    }
  };
}
