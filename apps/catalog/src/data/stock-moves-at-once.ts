import type { Knex } from '@gaara/db';
import type { ReservationLine, Settlement } from '../domain/reservation';
import type { ProductRow } from './product-repository';

// The ledger's common moves as one statement each (issue #10: a reserve was five round trips, a settle six).
// Each either makes the whole move or changes nothing and says so, so StockLedger falls back to its
// transaction, which handles every other case (a repeat, a shortfall, a released reservation) as before. Locks
// are taken as there: the reservation row first, then the product rows (in id order where the statement can say so).

/** A product row as the reserve statement returns it, with the new reservation's deadline. */
export type TakenRow = ProductRow & { readonly reservation_held_until: Date };

/**
 * Inserts reservation `id` as held for `holdSeconds` and reserves every line, when the id is new and every
 * product exists with enough units. Returns the products' rows after the move, or [] when nothing was done.
 */
export async function reserveAtOnce(
  db: Knex,
  id: string,
  lines: readonly ReservationLine[],
  holdSeconds: number,
): Promise<TakenRow[]> {
  const want = JSON.stringify(
    lines.map((l) => ({ product_id: l.productId, quantity: l.quantity })),
  );
  const { rows } = await db.raw<{ rows: TakenRow[] }>(
    `with want as (
       select w.product_id, w.quantity from jsonb_to_recordset(?::jsonb) as w(product_id uuid, quantity int)
     ),
     locked as (
       select p.id, p.stock, p.reserved from products p
       where p.id in (select product_id from want) order by p.id for update
     ),
     enough as (
       select count(*) = (select count(*) from want)
         and coalesce(bool_and(l.stock - l.reserved >= w.quantity), false) as ok
       from locked l join want w on w.product_id = l.id
     ),
     inserted as (
       insert into reservations (id, status, held_until)
       select ?, 'held', now() + make_interval(secs => ?) where (select ok from enough)
       on conflict (id) do nothing
       returning id, held_until
     ),
     taken as (
       update products p set reserved = p.reserved + w.quantity, updated_at = now()
       from want w where p.id = w.product_id and exists (select 1 from inserted)
       returning p.*
     ),
     held_lines as (
       insert into reservation_lines (reservation_id, product_id, quantity)
       select i.id, w.product_id, w.quantity from inserted i cross join want w
     )
     select t.*, i.held_until as reservation_held_until from taken t cross join inserted i`,
    [want, id, holdSeconds],
  );
  return rows;
}

/**
 * Settles reservation `id` when it is held (and, for a release from `paymentId`, does not wait for another
 * payment): a confirm sells the reserved units, a release gives them back. Returns the products it changed,
 * [] when it did nothing.
 */
export async function settleHeldAtOnce(
  db: Knex,
  id: string,
  settlement: Settlement,
  paymentId: string | undefined,
): Promise<string[]> {
  const confirm = settlement.kind === 'confirm';
  const { rows } = await db.raw<{ rows: Array<{ id: string }> }>(
    `with settled as (
       update reservations set status = ?, reason = ?, held_until = null, updated_at = now()
       where id = ? and status = 'held'
         and (? or payment_id is null or ?::text is null or payment_id = ?::text)
       returning id
     ),
     settled_lines as (
       select rl.product_id, rl.quantity from reservation_lines rl
       join settled s on rl.reservation_id = s.id order by rl.product_id
     ),
     moved as (
       update products p
       set stock = p.stock - (case when ? then l.quantity else 0 end),
           reserved = p.reserved - l.quantity, updated_at = now()
       from settled_lines l where p.id = l.product_id
       returning p.id
     )
     select id from moved`,
    [
      confirm ? 'confirmed' : 'released',
      confirm ? '' : settlement.reason,
      id,
      confirm,
      paymentId ?? null,
      paymentId ?? null,
      confirm,
    ],
  );
  return rows.map((row) => row.id);
}
