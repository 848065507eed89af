import { randomUUID } from 'node:crypto';
import {
  OrderTimeoutError,
  PaymentUnavailableError,
  ServiceUnavailableError,
} from '../errors/gateway-errors';
import type { InvoiceDesk, OrderRequest } from '../invoices/invoice-desk';
import type { PaymentDesk } from '../payments/payment-desk';
import { DEFAULT_ORDER_DEADLINE_MS } from './order-deadline';

/** An order as POST /api/orders takes it: the invoice's content plus how to pay. */
export interface PlaceOrderRequest extends OrderRequest {
  /** The provider's token (`tok_…`) of the customer's payment method. Secret: never logged. */
  readonly paymentMethod: string;
}

/**
 * Places orders: creates the invoice (idempotent by key), then charges it, both within one deadline. The charge's
 * outcome is part of the answer, never a reason to hide the invoice that now exists.
 */
export class OrderDesk {
  /** @param deadlineMs how long one order may take, in milliseconds; defaults to DEFAULT_ORDER_DEADLINE_MS */
  constructor(
    private readonly invoices: InvoiceDesk,
    private readonly payments: PaymentDesk,
    private readonly deadlineMs: number = DEFAULT_ORDER_DEADLINE_MS,
  ) {}

  /**
   * @throws OrderTimeoutError when the deadline passed first (the calls in flight are cancelled)
   * @throws PaymentUnavailableError when the invoice exists but payment could not even queue the charge
   */
  async place(request: PlaceOrderRequest) {
    const { paymentMethod, ...order } = request;
    // One key for every attempt, so a retry after a lost answer cannot bill twice; answered on a timeout.
    const idempotencyKey = order.idempotencyKey ?? randomUUID();
    const deadline = AbortSignal.timeout(this.deadlineMs);
    const created = await this.withinDeadline(deadline, idempotencyKey, undefined, () =>
      this.invoices.placeOrder({ ...order, idempotencyKey }, deadline),
    );
    try {
      const payment = await this.withinDeadline(
        deadline,
        idempotencyKey,
        created.billing.invoiceId,
        () =>
          this.payments.charge(
            {
              ...created.billing,
              paymentMethodToken: paymentMethod,
              receiptEmail: order.customerEmail,
            },
            deadline,
          ),
      );
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

  /** `step`'s result; whatever it throws once `deadline` aborted becomes an {@link OrderTimeoutError}. */
  private async withinDeadline<T>(
    deadline: AbortSignal,
    idempotencyKey: string,
    invoiceId: string | undefined,
    step: () => Promise<T>,
  ): Promise<T> {
    try {
      return await step();
    } catch (error: unknown) {
      if (!deadline.aborted) throw error;
      throw new OrderTimeoutError(this.deadlineMs, idempotencyKey, invoiceId, { cause: error });
    }
  }
}
