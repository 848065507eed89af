import type { Knex } from '@gaara/db';
import { ProductNotFoundError } from '../domain/catalog-errors';
import type { Product } from '../domain/product';
import type {
  Reservation,
  ReservationLine,
  ReservationStatus,
  Settlement,
  StockShortfall,
} from '../domain/reservation';
import { InsufficientStockError, ReservationNotFoundError } from '../domain/stock-errors';
import { toProduct, type ProductRow } from './product-repository';
import { reserveAtOnce, settleHeldAtOnce } from './stock-moves-at-once';

interface ReservationRow {
  id: string;
  status: ReservationStatus;
  held_until: Date | null;
  reason: string;
  payment_id: string | null;
}

interface LineRow {
  reservation_id: string;
  product_id: string;
  quantity: number;
}

/** What a settlement did, for the log and the tests. */
export type SettleResult = 'confirmed' | 'released' | 'shortfall' | 'unchanged' | 'unknown';

/**
 * The catalog's stock ledger: reservations and the products' reserved counts, changed together in one
 * transaction each. Every transaction locks the reservation row first, then product rows in id order (lines
 * are kept sorted), so two never wait on each other in a cycle. A row's `reserved <= stock` check makes an
 * oversell impossible even for a bug here.
 */
export class StockLedger {
  constructor(
    private readonly db: Knex,
    /** How long a reservation is held without a payment outcome, in milliseconds. */
    private readonly holdMs: number,
    /**
     * Told which products a ledger transaction may have changed, once it ended (committed or not): the
     * catalog's product cache forgets them.
     */
    private readonly onProductsChanged: (productIds: ReadonlySet<string>) => void = () => undefined,
  ) {}

  /** Runs `work` in a transaction, then reports the products it noted through `touch`, whatever the outcome. */
  private async changing<T>(
    work: (trx: Knex.Transaction, touch: (lines: readonly ReservationLine[]) => void) => Promise<T>,
  ): Promise<T> {
    const touched = new Set<string>();
    const touch = (lines: readonly ReservationLine[]): void => {
      for (const line of lines) touched.add(line.productId);
    };
    try {
      return await this.db.transaction((trx) => work(trx, touch));
    } finally {
      if (touched.size > 0) this.onProductsChanged(touched);
    }
  }

  /** Runs one statement that may change `lines`' products, then reports them, whatever the outcome. */
  private async changingAtOnce<T>(
    lines: readonly ReservationLine[],
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } finally {
      this.onProductsChanged(new Set(lines.map((l) => l.productId)));
    }
  }

  /**
   * Holds `lines` for reservation `id`, all or none; the same id again returns the first reservation (a
   * released one is held again, see {@link renew}). Throws InsufficientStockError (nothing held) or
   * ProductNotFoundError.
   */
  async reserve(
    id: string,
    lines: readonly ReservationLine[],
  ): Promise<{ reservation: Reservation; products: Product[] }> {
    // The common case in one statement; a repeat or a shortfall changes nothing there and takes the transaction.
    const taken = await this.changingAtOnce(lines, () =>
      reserveAtOnce(this.db, id, lines, this.holdMs / 1000),
    );
    const [first] = taken;
    if (first !== undefined) {
      const byId = new Map(taken.map((row) => [row.id, toProduct(row)]));
      return {
        reservation: reservationOf(
          {
            id,
            status: 'held',
            held_until: first.reservation_held_until,
            reason: '',
            payment_id: null,
          },
          lines,
        ),
        products: lines.flatMap((l) => byId.get(l.productId) ?? []),
      };
    }
    return this.changing(async (trx, touch) => {
      touch(lines);
      const [inserted] = (await trx('reservations')
        .insert({ id, status: 'held', held_until: this.holdDeadline(trx) })
        .onConflict('id')
        .ignore()
        .returning(['id', 'status', 'held_until', 'reason'])) as ReservationRow[];
      if (inserted === undefined) {
        const existing = await this.renewIn(trx, id, undefined);
        touch(existing.lines);
        return { reservation: existing, products: await productsOf(trx, existing.lines) };
      }
      // The rows the statements return are what findIn and productsOf would read back (issue #10: three
      // round trips less per order): lines are validated unique and in product-id order, as linesOf sorts them.
      const taken = await takeUnits(trx, lines);
      await trx('reservation_lines').insert(
        lines.map((l) => ({ reservation_id: id, product_id: l.productId, quantity: l.quantity })),
      );
      return {
        reservation: reservationOf(inserted, lines),
        products: lines.flatMap((l) => taken.get(l.productId) ?? []),
      };
    });
  }

  /**
   * Holds a released reservation's lines again; a held, confirmed or short one is returned as it is. With
   * `paymentId` the hold (renewed or still held) waits for that payment: an earlier payment's release no longer
   * applies (see {@link settle}).
   */
  renew(id: string, paymentId?: string): Promise<Reservation> {
    return this.changing(async (trx, touch) => {
      const renewed = await this.renewIn(trx, id, paymentId);
      touch(renewed.lines);
      return renewed;
    });
  }

  async find(id: string): Promise<Reservation> {
    return findIn(this.db, id);
  }

  /**
   * Applies a payment outcome once: confirm sells a held reservation's units; release gives them back. A
   * confirm that finds the reservation released (its payment dead-lettered, then replayed) takes the units
   * again if they are there, else marks it `shortfall`: stock never goes below zero. A release from `paymentId`
   * when the hold waits for another payment (renewed for a re-charge) is a no-op. Anything else is a no-op, which
   * makes duplicated and replayed events harmless.
   */
  async settle(id: string, settlement: Settlement, paymentId?: string): Promise<SettleResult> {
    // A held reservation (the common case) in one statement; the transaction sorts out every other state.
    const moved = await settleHeldAtOnce(this.db, id, settlement, paymentId);
    if (moved.length > 0) {
      this.onProductsChanged(new Set(moved));
      return settlement.kind === 'confirm' ? 'confirmed' : 'released';
    }
    return this.changing(async (trx, touch) => {
      const row = await trx<ReservationRow>('reservations').where({ id }).forUpdate().first();
      if (row === undefined) return 'unknown';
      const lines = await linesOf(trx, id);
      touch(lines);
      if (settlement.kind === 'release') {
        if (row.status !== 'held') return 'unchanged';
        if (row.payment_id !== null && paymentId !== undefined && paymentId !== row.payment_id) {
          return 'unchanged';
        }
        await giveBack(trx, lines);
        await mark(trx, id, 'released', settlement.reason);
        return 'released';
      }
      if (row.status === 'held') {
        await sell(trx, lines, 'reserved');
        await mark(trx, id, 'confirmed', '');
        return 'confirmed';
      }
      if (row.status !== 'released') return 'unchanged';
      try {
        // A savepoint: a failed re-take leaves the row locked and the other products untouched.
        await trx.transaction((inner) => sell(inner, lines, 'available'));
      } catch (error: unknown) {
        if (!(error instanceof InsufficientStockError)) throw error;
        await mark(trx, id, 'shortfall', `paid after release; ${error.message}; refund due`);
        return 'shortfall';
      }
      await mark(trx, id, 'confirmed', 'paid after release; units taken again');
      return 'confirmed';
    });
  }

  /** Releases up to `limit` held reservations whose hold has passed; returns their ids. */
  async releaseExpired(limit = 100): Promise<string[]> {
    return this.changing(async (trx, touch) => {
      const rows = await trx<ReservationRow>('reservations')
        .select('id')
        .where({ status: 'held' })
        .where('held_until', '<', trx.fn.now())
        .orderBy('held_until')
        .limit(limit)
        .forUpdate()
        .skipLocked();
      for (const { id } of rows) {
        const lines = await linesOf(trx, id);
        touch(lines);
        await giveBack(trx, lines);
        await mark(trx, id, 'released', 'hold expired before a payment outcome');
      }
      return rows.map((r) => r.id);
    });
  }

  /** Totals over the catalog for the dashboard. */
  async summary(): Promise<{
    onHand: bigint;
    reserved: bigint;
    heldReservations: bigint;
    shortfalls: bigint;
  }> {
    const [units] = await this.db('products').select(
      this.db.raw('coalesce(sum(stock), 0)::text as on_hand'),
      this.db.raw('coalesce(sum(reserved), 0)::text as reserved'),
    );
    const [counts] = await this.db('reservations').select(
      this.db.raw("count(*) filter (where status = 'held')::text as held"),
      this.db.raw("count(*) filter (where status = 'shortfall')::text as shortfall"),
    );
    return {
      onHand: BigInt(units.on_hand),
      reserved: BigInt(units.reserved),
      heldReservations: BigInt(counts.held),
      shortfalls: BigInt(counts.shortfall),
    };
  }

  private holdDeadline(db: Knex): Knex.Raw {
    return db.raw(`now() + make_interval(secs => ?)`, [this.holdMs / 1000]);
  }

  private async renewIn(
    trx: Knex.Transaction,
    id: string,
    paymentId: string | undefined,
  ): Promise<Reservation> {
    const row = await trx<ReservationRow>('reservations').where({ id }).forUpdate().first();
    if (row === undefined) throw new ReservationNotFoundError(id);
    const waitsFor = paymentId === undefined ? {} : { payment_id: paymentId };
    if (row.status !== 'released') {
      // Still held (the earlier payment's outcome not settled here yet): from now on it waits for this payment.
      if (row.status === 'held' && paymentId !== undefined && row.payment_id !== paymentId) {
        await trx('reservations')
          .where({ id })
          .update({ ...waitsFor, held_until: this.holdDeadline(trx), updated_at: trx.fn.now() });
      }
      return findIn(trx, id);
    }
    await takeUnits(trx, await linesOf(trx, id));
    await trx('reservations')
      .where({ id })
      .update({
        status: 'held',
        held_until: this.holdDeadline(trx),
        reason: '',
        ...waitsFor,
        updated_at: trx.fn.now(),
      });
    return findIn(trx, id);
  }
}

/**
 * Reserves every line's units, one statement per product in the lines' (product-id) order; throws InsufficientStockError naming every short line, ProductNotFoundError for a missing one.
 */
async function takeUnits(
  trx: Knex.Transaction,
  lines: readonly ReservationLine[],
): Promise<Map<string, Product>> {
  const shortfalls: StockShortfall[] = [];
  const taken = new Map<string, Product>();
  for (const line of lines) {
    const [updated] = (await trx('products')
      .where({ id: line.productId })
      .whereRaw('stock - reserved >= ?', [line.quantity])
      .update({ reserved: trx.raw('reserved + ?', [line.quantity]), updated_at: trx.fn.now() })
      .returning('*')) as ProductRow[];
    if (updated === undefined) shortfalls.push(await shortfallOf(trx, line));
    else taken.set(updated.id, toProduct(updated));
  }
  if (shortfalls.length > 0) throw new InsufficientStockError(shortfalls);
  return taken;
}

/**
 * Sells every line's units: from `reserved` (a held reservation: on hand and reserved both drop) or from
 * `available` (a released one taken again: only if the units are still there).
 */
async function sell(
  trx: Knex.Transaction,
  lines: readonly ReservationLine[],
  from: 'reserved' | 'available',
): Promise<void> {
  const shortfalls: StockShortfall[] = [];
  for (const line of lines) {
    const query = trx('products').where({ id: line.productId });
    if (from === 'available') void query.whereRaw('stock - reserved >= ?', [line.quantity]);
    const updated = await query
      .update({
        stock: trx.raw('stock - ?', [line.quantity]),
        ...(from === 'reserved' ? { reserved: trx.raw('reserved - ?', [line.quantity]) } : {}),
        updated_at: trx.fn.now(),
      })
      .returning('id');
    if (updated.length === 0) shortfalls.push(await shortfallOf(trx, line));
  }
  if (shortfalls.length > 0) throw new InsufficientStockError(shortfalls);
}

async function giveBack(trx: Knex.Transaction, lines: readonly ReservationLine[]): Promise<void> {
  for (const line of lines) {
    await trx('products')
      .where({ id: line.productId })
      .update({ reserved: trx.raw('reserved - ?', [line.quantity]), updated_at: trx.fn.now() });
  }
}

async function shortfallOf(trx: Knex.Transaction, line: ReservationLine): Promise<StockShortfall> {
  const row = await trx<ProductRow>('products').where({ id: line.productId }).first();
  if (row === undefined) throw new ProductNotFoundError(line.productId);
  return {
    productId: row.id,
    sku: row.sku,
    requested: line.quantity,
    available: row.stock - row.reserved,
  };
}

async function mark(
  trx: Knex.Transaction,
  id: string,
  status: ReservationStatus,
  reason: string,
): Promise<void> {
  await trx('reservations')
    .where({ id })
    .update({ status, reason, held_until: null, updated_at: trx.fn.now() });
}

async function linesOf(db: Knex, id: string): Promise<ReservationLine[]> {
  const rows = await db<LineRow>('reservation_lines')
    .where({ reservation_id: id })
    .orderBy('product_id');
  return rows.map((r) => ({ productId: r.product_id, quantity: r.quantity }));
}

async function findIn(db: Knex, id: string): Promise<Reservation> {
  const row = await db<ReservationRow>('reservations').where({ id }).first();
  if (row === undefined) throw new ReservationNotFoundError(id);
  return reservationOf(row, await linesOf(db, id));
}

function reservationOf(row: ReservationRow, lines: readonly ReservationLine[]): Reservation {
  return {
    id: row.id,
    status: row.status,
    lines: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
    heldUntil: row.held_until ?? undefined,
    reason: row.reason,
  };
}

async function productsOf(db: Knex, lines: readonly ReservationLine[]): Promise<Product[]> {
  const rows = await db<ProductRow>('products').whereIn(
    'id',
    lines.map((l) => l.productId),
  );
  const byId = new Map(rows.map((r) => [r.id, toProduct(r)]));
  return lines.flatMap((l) => byId.get(l.productId) ?? []);
}
