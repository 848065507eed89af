import type { Knex } from '@gaara/db';
import { leaseFromNow } from '@gaara/tasks';
import type { Payment, PaymentStatus } from '../domain/payment';
import type { ChargeRequest } from '../domain/charge-request';
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
   */
  async insert(request: ChargeRequest, leaseMs: number): Promise<InsertedPayment> {
    const [row] = (await this.db('payments')
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
      .onConflict('id')
      .ignore()
      .returning('*')) as PaymentRow[];
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
}
