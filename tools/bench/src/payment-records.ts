// What the bench records of its orders and reads back of their payments: the inputs of the tally.

/** What the bench knows of one order it placed through the gateway. */
export interface PlacedOrder {
  /** The order's idempotency key (one per order; repeats reuse it). */
  readonly key: string;
  /** Set once the gateway answered 202. */
  readonly invoiceId?: string;
  readonly paymentId?: string;
  /** payment.status of the 202 answer (`succeeded`, `pending`, ...). */
  readonly answeredStatus?: string;
  /** Last HTTP status (0 = no answer). */
  readonly httpStatus: number;
  /** Start of the last answer's body when it was a 5xx (its error `code` says what failed). */
  readonly lastDetail?: string;
  /** POST attempts made (repeats after 5xx or no answer). */
  readonly tries: number;
  /** Epoch ms of the first POST. */
  readonly placedAt: number;
  /** Milliseconds from the first POST to the last answer (repeats included). */
  readonly ms: number;
}

/** A row of the payment schema's `payments` table, as the bench reads it. */
export interface PaymentRecord {
  readonly id: string;
  readonly invoiceId: string;
  readonly status: string;
  readonly attempts: number;
  /** Epoch ms of the row's last change. */
  readonly updatedAt: number;
}
