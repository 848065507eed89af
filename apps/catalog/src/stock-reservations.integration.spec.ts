import { randomUUID } from 'node:crypto';
import { catalogV1 } from '@gaara/contracts';
import { createClient, FailedPreconditionError, type GrpcClient } from '@gaara/grpc';
import { eventually } from '@gaara/db/testing';
import { startCatalogServer } from './catalog-server';
import { StockLedger } from './data/stock-ledger';
import { insertProductWith } from './testing/spec-fixtures';
import { startTestCatalog, type TestCatalog } from './testing/test-catalog';

// Real PostgreSQL (the stack's, own schema): the catalog's gRPC server in this process.
jest.setTimeout(60_000);

const { HELD, CONFIRMED, RELEASED, SHORTFALL } = catalogV1.ReservationStatus;

describe('stock reservations (gRPC in-process, real PostgreSQL)', () => {
  let catalog: TestCatalog;
  let client: GrpcClient<typeof catalogV1.CatalogService>;

  /** A fresh product with `units` on hand, so tests never share stock. */
  const productWith = (units: number): Promise<string> =>
    insertProductWith(catalog.db, units, 'reservation');
  const product = async (id: string) => (await client.getProduct({ id })).product!;
  const reserve = (productId: string, quantity: number, reservationId = randomUUID()) =>
    client.reserveStock({ reservationId, lines: [{ productId, quantity }] });

  beforeAll(async () => {
    catalog = await startTestCatalog();
    client = createClient(catalogV1.CatalogService, catalog.address);
  });
  afterAll(async () => {
    client.close();
    await catalog.stop();
  });

  it('sells the last 10 units to exactly 10 of 50 parallel orders, never more', async () => {
    const id = await productWith(10);
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => reserve(id, 1)));
    const held = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(held).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const error of refused) expect(error).toBeInstanceOf(FailedPreconditionError);
    expect(await product(id)).toMatchObject({ stock: 0, onHand: 10, reserved: 10 });
  });

  it('refuses a short order with the product and what is available, reserving no line of it', async () => {
    const plenty = await productWith(5);
    const scarce = await productWith(2);
    const refusal = client.reserveStock({
      reservationId: randomUUID(),
      lines: [
        { productId: plenty, quantity: 1 },
        { productId: scarce, quantity: 3 },
      ],
    });
    await expect(refusal).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      violations: [
        {
          field: 'lines[1].quantity',
          description: expect.stringMatching(new RegExp(`${scarce}.*2 available, 3 requested`)),
        },
      ],
    });
    expect(await product(plenty)).toMatchObject({ stock: 5, reserved: 0 });
    expect(await product(scarce)).toMatchObject({ stock: 2, reserved: 0 });
  });

  it('reserves once per reservation id, however often it is asked', async () => {
    const id = await productWith(5);
    const reservationId = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => reserve(id, 2, reservationId)));
    for (const answer of answers) expect(answer.reservation?.status).toBe(HELD);
    expect(await product(id)).toMatchObject({ stock: 3, reserved: 2 });
  });

  it('answers a new reservation exactly as a repeated ask reads it back (lines and products)', async () => {
    const ids = [await productWith(5), await productWith(7), await productWith(9)];
    const reservationId = randomUUID();
    const lines = [
      { productId: ids[2]!, quantity: 3 },
      { productId: ids[0]!, quantity: 1 },
      { productId: ids[1]!, quantity: 2 },
    ];
    const first = await client.reserveStock({ reservationId, lines });
    const again = await client.reserveStock({ reservationId, lines });
    expect(first).toEqual(again);
    expect(first.reservation?.lines.map((l) => l.productId)).toEqual([...ids].sort());
    expect(first.reservation?.status).toBe(HELD);
    const reread = await client.getReservation({ reservationId });
    expect(reread.reservation).toEqual(first.reservation);
  });

  it('confirms once: a duplicated or late outcome changes nothing more', async () => {
    const id = await productWith(5);
    const { reservation } = await reserve(id, 2);
    const ledger = catalog.server.stock;
    await expect(ledger.settle(reservation!.id, { kind: 'confirm' })).resolves.toBe('confirmed');
    await expect(ledger.settle(reservation!.id, { kind: 'confirm' })).resolves.toBe('unchanged');
    await expect(ledger.settle(reservation!.id, { kind: 'release', reason: 'late' })).resolves.toBe(
      'unchanged',
    );
    expect(await product(id)).toMatchObject({ stock: 3, onHand: 3, reserved: 0 });
  });

  it('reserves a new order and settles it in one statement each (issue #10: they were five and six)', async () => {
    const id = await productWith(5);
    const ledger = catalog.server.stock;
    const statements: string[] = [];
    const count = (query: { sql: string }): void => void statements.push(query.sql);
    catalog.db.on('query', count);
    try {
      const { reservation } = await ledger.reserve(randomUUID(), [{ productId: id, quantity: 2 }]);
      expect(statements).toHaveLength(1);
      await expect(ledger.settle(reservation.id, { kind: 'confirm' })).resolves.toBe('confirmed');
      expect(statements).toHaveLength(2);
      const declined = await ledger.reserve(randomUUID(), [{ productId: id, quantity: 1 }]);
      await expect(
        ledger.settle(declined.reservation.id, { kind: 'release', reason: 'declined' }),
      ).resolves.toBe('released');
      expect(statements).toHaveLength(4);
    } finally {
      catalog.db.off('query', count);
    }
    expect(await product(id)).toMatchObject({ stock: 3, onHand: 3, reserved: 0 });
  });

  it('gives a declined order its units back, once', async () => {
    const id = await productWith(5);
    const { reservation } = await reserve(id, 4);
    const ledger = catalog.server.stock;
    const declined = { kind: 'release', reason: 'payment failed: card declined' } as const;
    await expect(ledger.settle(reservation!.id, declined)).resolves.toBe('released');
    await expect(ledger.settle(reservation!.id, declined)).resolves.toBe('unchanged');
    expect(await product(id)).toMatchObject({ stock: 5, onHand: 5, reserved: 0 });
    const { reservation: after } = await client.getReservation({ reservationId: reservation!.id });
    expect(after).toMatchObject({ status: RELEASED, reason: 'payment failed: card declined' });
  });

  it('keeps a hold renewed for a re-charge when the earlier payment releases it late or again', async () => {
    const id = await productWith(4);
    const ledger = catalog.server.stock;
    const failed = { kind: 'release', reason: 'payment failed: card declined' } as const;
    // Released by the first payment, renewed for the re-charge, then the first payment's FAILED again.
    const renewedAfter = (await reserve(id, 2)).reservation!.id;
    await expect(ledger.settle(renewedAfter, failed, 'pay_first')).resolves.toBe('released');
    await client.renewReservation({ reservationId: renewedAfter, paymentId: 'pay_second' });
    await expect(ledger.settle(renewedAfter, failed, 'pay_first')).resolves.toBe('unchanged');
    // Renewed while still held (the first FAILED not applied here yet), then that FAILED arrives.
    const renewedBefore = (await reserve(id, 1)).reservation!.id;
    await client.renewReservation({ reservationId: renewedBefore, paymentId: 'pay_second' });
    await expect(ledger.settle(renewedBefore, failed, 'pay_first')).resolves.toBe('unchanged');
    expect(await product(id)).toMatchObject({ stock: 1, onHand: 4, reserved: 3 });
    // The re-charge's own outcome still settles it.
    await expect(ledger.settle(renewedAfter, failed, 'pay_second')).resolves.toBe('released');
    await expect(ledger.settle(renewedBefore, { kind: 'confirm' }, 'pay_second')).resolves.toBe(
      'confirmed',
    );
    expect(await product(id)).toMatchObject({ stock: 3, onHand: 3, reserved: 0 });
  });

  it('takes the units again for a payment that succeeds after release, or records the shortfall', async () => {
    const id = await productWith(3);
    const ledger = catalog.server.stock;
    const first = (await reserve(id, 2)).reservation!.id;
    const second = (await reserve(id, 1)).reservation!.id;
    await ledger.settle(first, { kind: 'release', reason: 'payment dead-lettered' });
    await ledger.settle(second, { kind: 'release', reason: 'payment dead-lettered' });
    // The first replay takes its 2 units again; another order then takes the last one the second needed.
    await expect(ledger.settle(first, { kind: 'confirm' })).resolves.toBe('confirmed');
    await reserve(id, 1);
    await expect(ledger.settle(second, { kind: 'confirm' })).resolves.toBe('shortfall');
    expect(await product(id)).toMatchObject({ stock: 0, onHand: 1, reserved: 1 });
    const { reservation } = await client.getReservation({ reservationId: second });
    expect(reservation).toMatchObject({
      status: SHORTFALL,
      reason: expect.stringMatching(/refund due/),
    });
    const summary = await client.getStockSummary({});
    expect(summary.shortfalls).toBeGreaterThanOrEqual(1n);
  });

  it('renews a released reservation before its replay, or refuses with the reason when the stock is gone', async () => {
    const id = await productWith(2);
    const ledger = catalog.server.stock;
    const reservationId = (await reserve(id, 2)).reservation!.id;
    await ledger.settle(reservationId, { kind: 'release', reason: 'payment dead-lettered' });
    const renewed = await client.renewReservation({ reservationId });
    expect(renewed.reservation?.status).toBe(HELD);
    expect(await product(id)).toMatchObject({ stock: 0, reserved: 2 });

    await ledger.settle(reservationId, { kind: 'release', reason: 'payment dead-lettered' });
    await reserve(id, 1);
    await expect(client.renewReservation({ reservationId })).rejects.toMatchObject({
      code: 'FAILED_PRECONDITION',
      message: expect.stringMatching(/1 available, 2 requested/),
    });
  });

  it('releases a hold that expired without a payment outcome', async () => {
    const id = await productWith(4);
    const shortHold = new StockLedger(catalog.db, 1);
    const { reservation } = await shortHold.reserve(randomUUID(), [{ productId: id, quantity: 3 }]);
    expect(await product(id)).toMatchObject({ stock: 1, reserved: 3 });
    // held_until is 1 ms after the reservation's now(): past once this statement's now() moved on.
    await eventually(async () => (await shortHold.releaseExpired()).includes(reservation.id));
    expect(await product(id)).toMatchObject({ stock: 4, reserved: 0 });
    const { reservation: after } = await client.getReservation({ reservationId: reservation.id });
    expect(after?.status).toBe(RELEASED);
    await expect(shortHold.settle(reservation.id, { kind: 'confirm' })).resolves.toBe('confirmed');
    expect(
      (await client.getReservation({ reservationId: reservation.id })).reservation?.status,
    ).toBe(CONFIRMED);
  });
  it('shows every ledger change in the next lookup although lookups are answered from memory', async () => {
    // A second server on the same schema with a cache far longer than the test: only invalidation can pass it.
    const cached = await startCatalogServer({ db: catalog.db, port: 0, productCacheMs: 600_000 });
    const cachedClient = createClient(catalogV1.CatalogService, `127.0.0.1:${cached.port}`);
    try {
      const lookup = async (id: string) => (await cachedClient.getProduct({ id })).product!;
      const hold = (id: string, quantity: number) =>
        cachedClient.reserveStock({
          reservationId: randomUUID(),
          lines: [{ productId: id, quantity }],
        });
      const id = await productWith(5);
      expect(await lookup(id)).toMatchObject({ stock: 5, onHand: 5, reserved: 0 });
      const { reservation } = await hold(id, 2);
      expect(await lookup(id)).toMatchObject({ stock: 3, onHand: 5, reserved: 2 });
      await cached.stock.settle(reservation!.id, { kind: 'release', reason: 'declined' });
      expect(await lookup(id)).toMatchObject({ stock: 5, onHand: 5, reserved: 0 });
      const again = await hold(id, 1);
      await cached.stock.settle(again.reservation!.id, { kind: 'confirm' });
      expect(await lookup(id)).toMatchObject({ stock: 4, onHand: 4, reserved: 0 });
      // Outside its ledger (SQL here) the change shows only after the bound: the answer is the cached copy.
      await catalog.db('products').where({ id }).update({ stock: 9 });
      expect(await lookup(id)).toMatchObject({ stock: 4, onHand: 4 });
      expect(await product(id)).toMatchObject({ stock: 9, onHand: 9 });
    } finally {
      cachedClient.close();
      await cached.stop();
    }
  });
});
