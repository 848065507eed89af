import type { Knex } from '@gaara/db';
import { leaseFromNow } from '@gaara/tasks';
import type { Payment, PaymentStatus } from '../domain/payment';
import type { ChargeRequest } from '../domain/charge-request';
import { InvoiceChargeRefusedError } from '../domain/payment-errors';
import { ONE_LIVE_PER_INVOICE } from './payment-migrations';
import { paymentLedger } from './payment-ledger';
import { toPayment, type PaymentRow } from './payment-rows';

/** A stored payment found again, with what the first request asked for (to detect key reuse). */
export interface InsertedPayment {
  readonly created: boolean;
  readonly payment: Payment;
}

/** Reads and inserts payments; each method is one statement, so callers may retry it. */
export class PaymentRepository {
  constructor(private readonly db: Knex) {}

  /**
   * Stores a pending payment (with its token) unless the id exists: `created: false` then returns the
   * stored one untouched. `leaseMs` bounds how long it may stay pending before the sweeper queues it.
   * @throws InvoiceChargeRefusedError when another payment of the invoice succeeded or may still charge (the
   *   unique index {@link ONE_LIVE_PER_INVOICE} decides, so two concurrent new payments cannot both get in)
   */
  async insert(request: ChargeRequest, leaseMs: number): Promise<InsertedPayment> {
    let inserted: PaymentRow[];
    try {
      inserted = await this.insertRow(request, leaseMs);
    } catch (error: unknown) {
      if (!violates(error, ONE_LIVE_PER_INVOICE)) throw error;
      // A concurrent insert of the same id may trip the invoice's index first: still a replay.
      const same = await this.findById(request.paymentId);
      if (same !== undefined) return { created: false, payment: same };
      const paid = await this.db<PaymentRow>('payments')
        .where({ invoice_id: request.invoiceId, status: 'succeeded' })
        .first();
      throw new InvoiceChargeRefusedError(
        request.invoiceId,
        paid === undefined ? 'in_flight' : 'paid',
      );
    }
    const [row] = inserted;
    if (row !== undefined) return { created: true, payment: toPayment(row) };
    const existing = await this.findById(request.paymentId);
    if (existing === undefined) throw new Error('payment id conflict without a stored payment');
    return { created: false, payment: existing };
  }

  /** The payment with `id`, or undefined. */
  async findById(id: string): Promise<Payment | undefined> {
    const row = await this.db<PaymentRow>('payments').where({ id }).first();
    return row === undefined ? undefined : toPayment(row);
  }

  /** Payments per status (statuses without payments are left out); only those changed at or after `since` if given. */
  countByStatus(since?: Date): Promise<ReadonlyMap<PaymentStatus, number>> {
    return paymentLedger(this.db).countByStatus<PaymentStatus>(since);
  }

  /** Inserts the pending row; a known id inserts nothing (empty result), another live payment of the invoice throws. */
  private async insertRow(request: ChargeRequest, leaseMs: number): Promise<PaymentRow[]> {
    return (
      (await this.db('payments')
        .insert({
          id: request.paymentId,
          invoice_id: request.invoiceId,
          amount_minor: request.amountMinor.toString(),
          currency: request.currency,
          payment_method_token: request.paymentMethodToken,
          receipt_email: request.receiptEmail ?? null,
          status: 'pending',
          attempts: 0,
          lease_until: leaseFromNow(this.db, leaseMs),
        })
        // Only the id is the arbiter: a conflict on the invoice's live payment is an error, not a replay.
        .onConflict('id')
        .ignore()
        .returning('*')) as PaymentRow[]
    );
  }
}

/** True for PostgreSQL's unique_violation (23505) on `constraint`. */
function violates(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const pg = error as { code?: unknown; constraint?: unknown };
  return pg.code === '23505' && pg.constraint === constraint;
}
