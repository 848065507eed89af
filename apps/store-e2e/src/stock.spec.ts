// The stock saga end to end: every process really started (built dist) with real PostgreSQL and real Kafka
// (topics under a unique prefix). Orders reserve stock in catalog; payment outcomes confirm or release it.
import { adminToken, call, eventually } from './harness';
import { gatewayCalls } from './testing/gateway-calls';
import { isPlaced } from './testing/order-answers';
import { orderBody, type OrderBody } from './testing/order-body';
import type { ProductStock } from './testing/product-stock';
import { sandboxSession } from './testing/sandbox-session';

const session = sandboxSession({ stepTimeoutMs: 90_000, startTimeoutMs: 120_000 });
const { step } = session;
const shop = gatewayCalls(() => session.gw);

/** Places an order, repeated with the same key while the store answers 503 (a breaker still open), as a client would. */
const order = (body: OrderBody) =>
  eventually(
    'order answered',
    () => shop.postOrder(body),
    (a) => a.status !== 503,
    15_000,
    250,
  );

const admin = (path: string, json?: unknown) =>
  call(session.gw, path, {
    method: json === undefined ? 'GET' : 'POST',
    json,
    headers: { authorization: `Bearer ${adminToken}` },
  });

interface DeadLetterEntryJson {
  readonly key: string;
  readonly partition: number;
  readonly offset: string;
}

/** Places an order while the provider is down; waits until its payment is dead-lettered and its units released. */
async function deadLetteredOrder(product: ProductStock, quantity: number) {
  await session.sandbox.setFaults('payment', { down: true });
  const answer = await order(orderBody('stock', product.id, quantity));
  expect(isPlaced(answer)).toBe(true);
  const paymentId = answer.body.payment.id as string;
  const entry = await eventually(
    `payment ${paymentId} on the payments DLT`,
    async () =>
      (
        (await admin('/admin/dead-letters/payments?limit=500')).body
          .entries as DeadLetterEntryJson[]
      ).find((e) => e.key === paymentId),
    (e) => e !== undefined,
    30_000,
    250,
  );
  await shop.stockUntil(
    'units released by the DEAD_LETTERED event',
    product.id,
    (p) => p.reserved === 0,
  );
  await session.sandbox.setFaults('payment', { down: false });
  return { invoiceId: answer.body.invoice.id as string, paymentId, entry: entry! };
}

describe('stock that cannot be oversold', () => {
  step(
    'an order for more than is in stock → 409 naming the product and what is available; nothing charged',
    async () => {
      // 1000: the most one line may ask for; every seeded product has fewer.
      const [product] = await shop.productsWithStock(1, 999);
      const body = orderBody('stock', product!.id, 1000);
      const answer = await order(body);
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'FAILED_PRECONDITION' });
      expect(answer.body.violations).toEqual([
        {
          in: 'body',
          field: 'items[0].quantity',
          reason: expect.stringContaining(
            `${product!.sku}) has ${product!.stock} available, 1000 requested`,
          ),
        },
      ]);
      expect(await shop.productStock(product!.id)).toMatchObject({
        stock: product!.stock,
        reserved: 0,
      });
      expect((await session.sandbox.charges()).length).toBe(0);
    },
  );

  step(
    'parallel orders for the last units: exactly as many succeed as there are units, all paid, none oversold',
    async () => {
      const [product] = (await shop.productsWithStock(3, 12)).reverse();
      const units = product!.stock;
      const answers = await Promise.all(
        Array.from({ length: units * 3 }, () => order(orderBody('stock', product!.id, 1))),
      );
      const accepted = answers.filter((a) => isPlaced(a));
      expect(accepted).toHaveLength(units);
      expect(answers.filter((a) => a.status === 409)).toHaveLength(units * 2);
      for (const a of accepted) {
        await eventually(
          `invoice ${a.body.invoice.id} paid`,
          () => shop.invoiceStatus(a.body.invoice.id),
          (s) => s === 'paid',
          30_000,
          200,
        );
      }
      await shop.stockUntil('every reservation confirmed', product!.id, (p) => p.reserved === 0);
      expect(await shop.productStock(product!.id)).toMatchObject({
        stock: 0,
        onHand: 0,
        reserved: 0,
      });
    },
  );

  step('a declined card gives the units back', async () => {
    const [product] = await shop.productsWithStock(5, 1000);
    const answer = await order(orderBody('stock', product!.id, 2, 'tok_chargeDeclined'));
    expect(isPlaced(answer)).toBe(true);
    await eventually(
      'invoice failed',
      () => shop.invoiceStatus(answer.body.invoice.id),
      (s) => s === 'failed',
      30_000,
      200,
    );
    await shop.stockUntil('units released', product!.id, (p) => p.reserved === 0);
    expect(await shop.productStock(product!.id)).toMatchObject({
      stock: product!.stock,
      onHand: product!.stock,
    });
  });

  step(
    'catalog SIGKILLed between reservation and confirmation: the confirmation waits in Kafka, nothing lost',
    async () => {
      const [product] = await shop.productsWithStock(5, 1000);
      // The provider records the charge, then holds its answer: catalog dies while the payment is in flight.
      await session.sandbox.setFaults('payment', { respondDelayMs: 1500 });
      const answer = await order(orderBody('stock', product!.id, 3));
      expect(isPlaced(answer)).toBe(true);
      await session.store.kill('catalog', 'SIGKILL');
      await eventually(
        'invoice paid while catalog is down',
        () => shop.invoiceStatus(answer.body.invoice.id),
        (s) => s === 'paid',
        30_000,
        200,
      );
      await session.store.start('catalog');
      await eventually(
        'reservation confirmed after the restart',
        () => shop.productStock(product!.id),
        (p) => p.reserved === 0 && p.onHand === product!.stock - 3,
        45_000,
        250,
      );
      expect(await shop.productStock(product!.id)).toMatchObject({ stock: product!.stock - 3 });
    },
  );

  step(
    'catalog down → orders refused fast with 503 and Retry-After, never accepted without a reservation',
    async () => {
      const [product] = await shop.productsWithStock(1, 1000);
      await session.store.stop('catalog');
      try {
        const started = Date.now();
        // One attempt, not postOrder's repeats: the refusal's own speed is what this checks.
        const answer = await call(session.gw, '/api/orders', {
          method: 'POST',
          json: orderBody('stock', product!.id, 1),
        });
        expect(answer.status).toBe(503);
        expect(['SERVICE_UNAVAILABLE', 'ORDER_TIMEOUT']).toContain(answer.body.code);
        expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect((await session.sandbox.charges()).length).toBe(0);
      } finally {
        await session.store.start('catalog');
      }
    },
  );
  step('a dead-lettered payment replayed: its units are held again and it is charged', async () => {
    const [product] = await shop.productsWithStock(5, 1000);
    const placed = await deadLetteredOrder(product!, 2);
    const replay = await admin('/admin/dead-letters/payments/replay', {
      partition: placed.entry.partition,
      offset: placed.entry.offset,
    });
    expect({ status: replay.status, body: replay.body }).toEqual({
      status: 200,
      body: { replayed: 1 },
    });
    await eventually(
      'invoice paid after the replay',
      () => shop.invoiceStatus(placed.invoiceId),
      (s) => s === 'paid',
      30_000,
      200,
    );
    await shop.unitsSold(product!, 2);
  });

  step(
    'a dead-lettered payment whose stock is gone: the replay is refused with the reason, nothing charged',
    async () => {
      const [product] = (await shop.productsWithStock(3, 12)).reverse();
      const placed = await deadLetteredOrder(product!, 2);
      // Another customer buys every unit left.
      const rest = await order(orderBody('stock', product!.id, product!.stock));
      expect(isPlaced(rest)).toBe(true);
      await shop.stockUntil('the rest sold', product!.id, (p) => p.onHand === 0);
      const replay = await admin('/admin/dead-letters/payments/replay', {
        partition: placed.entry.partition,
        offset: placed.entry.offset,
      });
      expect(replay.status).toBe(409);
      expect(replay.body).toMatchObject({
        code: 'REPLAY_REFUSED',
        reason: expect.stringMatching(/stock is gone.*0 available, 2 requested/),
      });
      const charged = (await session.sandbox.charges()).filter(
        (c) => c.idempotencyKey === placed.paymentId,
      );
      expect(charged).toHaveLength(0);
      expect(await shop.invoiceStatus(placed.invoiceId)).toBe('pending');
      expect(await shop.productStock(product!.id)).toMatchObject({
        stock: 0,
        onHand: 0,
        reserved: 0,
      });
    },
  );
});
