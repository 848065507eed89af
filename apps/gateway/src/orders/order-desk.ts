import { randomUUID } from 'node:crypto';
import { withinBudget } from '@gaara/resilience';
import {
  OrderTimeoutError,
  PaymentUnavailableError,
  ServiceUnavailableError,
} from '../errors/gateway-errors';
import { defaultRetryAfterSeconds } from '../errors/retry-after';
import type { InvoiceDesk, OrderRequest } from '../invoices/invoice-desk';
import type { PaymentDesk } from '../payments/payment-desk';
import {
  DEFAULT_ORDER_CONCURRENCY,
  DEFAULT_ORDER_DEADLINE_MS,
  DEFAULT_ORDER_SLOW_START_MS,
} from './order-deadline';

/** Limits of {@link OrderDesk}. */
export interface OrderLimits {
  /** How long one order may take before it is answered, in milliseconds; defaults to DEFAULT_ORDER_DEADLINE_MS. */
  readonly deadlineMs?: number;
  /** Orders placed at once; beyond it an order is refused before any call; defaults to DEFAULT_ORDER_CONCURRENCY. */
  readonly concurrency?: number;
  /**
   * Slow start, in milliseconds from construction: the limit grows from a quarter of `concurrency` to all of it,
   * so a just-started (cold) gateway is not handed every client's queued repeat at once; defaults to
   * DEFAULT_ORDER_SLOW_START_MS.
   */
  readonly slowStartMs?: number;
  /** Clock in milliseconds; defaults to `performance.now`. */
  readonly now?: () => number;
}

/** An order as POST /api/orders takes it: the invoice's content plus how to pay. */
export interface PlaceOrderRequest extends OrderRequest {
  /** The provider's token (`tok_…`) of the customer's payment method. Secret: never logged. */
  readonly paymentMethod: string;
}

/**
 * Places orders: creates the invoice (idempotent by key), then charges it; the answer comes within one deadline.
 * The charge's outcome is part of the answer, never a reason to hide the invoice that now exists.
 *
 * Past the deadline the order answers and goes on, not cancelled: both steps are idempotent, so a repeat finds
 * their result; and cancelling sends an RST_STREAM per call, which a gRPC server under a slow dependency would
 * receive faster than nghttp2's rapid-reset limit allows (it then drops the connection and every call on it).
 */
export class OrderDesk {
  private readonly deadlineMs: number;
  private readonly concurrency: number;
  private readonly slowStartMs: number;
  private readonly now: () => number;
  private readonly startedAt: number;
  private running = 0;

  constructor(
    private readonly invoices: InvoiceDesk,
    private readonly payments: PaymentDesk,
    limits: OrderLimits = {},
  ) {
    this.deadlineMs = limits.deadlineMs ?? DEFAULT_ORDER_DEADLINE_MS;
    this.concurrency = limits.concurrency ?? DEFAULT_ORDER_CONCURRENCY;
    this.slowStartMs = limits.slowStartMs ?? DEFAULT_ORDER_SLOW_START_MS;
    this.now = limits.now ?? (() => performance.now());
    this.startedAt = this.now();
  }

  /**
   * Refuses an order now if the desk is full, so the route can refuse before it reads the body.
   * @throws ServiceUnavailableError ('orders') when as many orders as allowed are being placed
   */
  refuseIfFull(): void {
    if (this.running >= this.limitNow()) {
      throw new ServiceUnavailableError('orders', defaultRetryAfterSeconds);
    }
  }

  /**
   * Places the order; answers within the deadline while the order itself goes on to its end (invoice, then
   * charge), so a slow dependency delays it but never leaves an invoice uncharged. Its slot is held until then:
   * a slow dependency fills the desk and later orders are refused cheaply instead of piling calls onto it.
   * @throws ServiceUnavailableError ('orders') when the desk is full, or `elapsedMs` used the whole deadline: nothing
   *   was done
   * @throws OrderTimeoutError when the deadline passed first
   * @throws PaymentUnavailableError when the invoice exists but payment could not even queue the charge
   * @param elapsedMs time the request already spent before it reached the desk (reading, parsing, a busy event
   *   loop), in milliseconds; counted against the deadline, so the answer keeps to it from arrival; defaults to 0
   */
  async place(request: PlaceOrderRequest, elapsedMs = 0) {
    this.refuseIfFull();
    // Spent before it began: refused with nothing done rather than started and answered late at once.
    if (elapsedMs >= this.deadlineMs) {
      throw new ServiceUnavailableError('orders', defaultRetryAfterSeconds);
    }
    this.running += 1;
    // One key for every attempt, so a retry after a lost answer cannot bill twice; answered on a timeout.
    const idempotencyKey = request.idempotencyKey ?? randomUUID();
    const progress: { invoiceId?: string } = {};
    const placing = this.placeNow({ ...request, idempotencyKey }, progress);
    void placing.then(
      () => (this.running -= 1),
      () => (this.running -= 1),
    );
    const placed = await withinBudget(placing, Math.max(0, this.deadlineMs - elapsedMs));
    if (placed === 'late') {
      throw new OrderTimeoutError(
        this.deadlineMs,
        idempotencyKey,
        progress.invoiceId,
        defaultRetryAfterSeconds,
      );
    }
    return placed;
  }

  private async placeNow(
    request: PlaceOrderRequest & { readonly idempotencyKey: string },
    progress: { invoiceId?: string },
  ) {
    const { paymentMethod, ...order } = request;
    const created = await this.invoices.placeOrder(order);
    progress.invoiceId = created.billing.invoiceId;
    try {
      const payment = await this.payments.charge({
        ...created.billing,
        paymentMethodToken: paymentMethod,
        receiptEmail: order.customerEmail,
      });
      return { invoice: created.invoice, payment, invoiceReplayed: created.replayed };
    } catch (error: unknown) {
      if (!(error instanceof ServiceUnavailableError)) throw error;
      throw new PaymentUnavailableError(
        created.billing.invoiceId,
        created.idempotencyKey,
        error.retryAfterSeconds,
        { cause: error },
      );
    }
  }

  /** The concurrency allowed now: a quarter of it at start, growing linearly to all of it over slowStartMs. */
  private limitNow(): number {
    const warmed = Math.min(1, (this.now() - this.startedAt) / Math.max(1, this.slowStartMs));
    return Math.max(1, Math.floor(this.concurrency * (0.25 + 0.75 * warmed)));
  }
}
