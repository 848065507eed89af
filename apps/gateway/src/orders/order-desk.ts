import { PaymentUnavailableError, ServiceUnavailableError } from '../errors/gateway-errors';
import type { InvoiceDesk, OrderRequest } from '../invoices/invoice-desk';
import type { PaymentDesk } from '../payments/payment-desk';

/** An order as POST /api/orders takes it: the invoice's content plus how to pay. */
export interface PlaceOrderRequest extends OrderRequest {
  /** The provider's token (`tok_…`) of the customer's payment method. Secret: never logged. */
  readonly paymentMethod: string;
}

/**
 * Places orders: creates the invoice (idempotent by key), then charges it. The charge's outcome is part of the
 * answer, never a reason to hide the invoice that now exists.
 */
export class OrderDesk {
  constructor(
    private readonly invoices: InvoiceDesk,
    private readonly payments: PaymentDesk,
  ) {}

  /** @throws PaymentUnavailableError when the invoice exists but payment could not even queue the charge */
  async place(request: PlaceOrderRequest) {
    const { paymentMethod, ...order } = request;
    const created = await this.invoices.placeOrder(order);
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
}
