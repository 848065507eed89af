import { type catalogV1, invoiceV1, type paymentV1 } from '@gaara/contracts';
import { FailedPreconditionError, NotFoundError, type GrpcClient } from '@gaara/grpc';
import type { Policy } from '@gaara/resilience';
import { callDependency } from '../errors/call-dependency';
import {
  ForbiddenError,
  PaymentUnavailableError,
  RechargeRefusedError,
  ServiceUnavailableError,
  type RechargeRefusal,
} from '../errors/gateway-errors';
import { invoiceJson } from '../json/invoice-json';
import { orderPaymentJson } from '../json/payment-json';
import { rechargePaymentId } from './recharge-payment-id';

/** The clients and policies a re-charge calls through. */
export interface InvoiceRechargesOptions {
  readonly invoice: Pick<
    GrpcClient<typeof invoiceV1.InvoiceService>,
    'getInvoice' | 'reopenInvoice'
  >;
  readonly invoicePolicy: Policy;
  readonly catalog: Pick<GrpcClient<typeof catalogV1.CatalogService>, 'renewReservation'>;
  readonly catalogPolicy: Policy;
  readonly payment: Pick<GrpcClient<typeof paymentV1.PaymentService>, 'charge'>;
  readonly paymentPolicy: Policy;
}

/** A new payment attempt for an invoice, as POST /api/invoices/:id/payments takes it. */
export interface RechargeRequest {
  readonly invoiceId: string;
  /** The client's key for this attempt: the same key repeats it safely, a new key is a new attempt. */
  readonly idempotencyKey: string;
  /** The provider's token (`tok_…`) of the payment method to charge. Secret: never logged. */
  readonly paymentMethod: string;
}

const { PAID, PENDING } = invoiceV1.InvoiceStatus;

/**
 * Charges a failed invoice again. Order of steps, each safe to repeat: hold the order's stock again (catalog
 * RenewReservation; gone → refused, nothing charged), move the invoice failed → pending for the new payment
 * (ReopenInvoice, so its payment events find it waiting on that payment), then Charge under the payment id
 * derived from the key. The payment service admits a new payment only while every earlier one of the invoice
 * failed for good, so the invoice is charged successfully at most once.
 */
export class InvoiceRecharges {
  constructor(private readonly options: InvoiceRechargesOptions) {}

  /**
   * @param mayPay whether the caller may act for the invoice's customer (false → ForbiddenError)
   * @throws RechargeRefusedError (paid, pending, stock_gone), ForbiddenError, PaymentUnavailableError
   */
  async recharge(request: RechargeRequest, mayPay: (customerId: string) => boolean) {
    const invoice = await this.getInvoice(request.invoiceId);
    if (!mayPay(invoice.customerId)) throw new ForbiddenError();
    const paymentId = rechargePaymentId(invoice.id, request.idempotencyKey);
    // The same request again after its payment settled: answer it again (the charge replays), change nothing.
    const settledRepeat = invoice.currentPaymentId === paymentId && invoice.status !== PENDING;
    let current = invoice;
    if (!settledRepeat) {
      refuseUnlessFailed(invoice, paymentId);
      await this.holdStock(invoice.id, paymentId);
      current = await this.reopen(invoice.id, paymentId);
    }
    const charged = await this.charge(current, paymentId, request);
    return {
      invoice: invoiceJson(current),
      payment: orderPaymentJson(charged.payment, charged.replayed),
    };
  }

  private async getInvoice(id: string): Promise<invoiceV1.Invoice> {
    const { invoice } = await callDependency('invoice', this.options.invoicePolicy, (attempt) =>
      this.options.invoice.getInvoice(
        { id },
        { signal: attempt.signal, deadlineMs: attempt.timeoutMs },
      ),
    );
    if (invoice === undefined) throw new TypeError('invoice answered without an invoice');
    return invoice;
  }

  /** Holds the order's units again for `paymentId`, so a late release from the failed payment leaves them held. */
  private async holdStock(reservationId: string, paymentId: string): Promise<void> {
    try {
      await callDependency('catalog', this.options.catalogPolicy, (attempt) =>
        this.options.catalog.renewReservation(
          { reservationId, paymentId },
          { signal: attempt.signal, deadlineMs: attempt.timeoutMs },
        ),
      );
    } catch (error: unknown) {
      // No reservation to hold is as good as gone: the order's units cannot be promised again.
      if (error instanceof FailedPreconditionError || error instanceof NotFoundError) {
        throw new RechargeRefusedError(
          reservationId,
          'stock_gone',
          `The order's stock can no longer be held: ${error.message}`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  private async reopen(invoiceId: string, paymentId: string): Promise<invoiceV1.Invoice> {
    try {
      const { invoice } = await callDependency('invoice', this.options.invoicePolicy, (attempt) =>
        this.options.invoice.reopenInvoice(
          { invoiceId, paymentId },
          { signal: attempt.signal, deadlineMs: attempt.timeoutMs },
        ),
      );
      if (invoice === undefined) throw new TypeError('invoice answered without an invoice');
      return invoice;
    } catch (error: unknown) {
      if (!(error instanceof FailedPreconditionError)) throw error;
      // Lost a race with another attempt: say how the invoice stands now.
      refuseUnlessFailed(await this.getInvoice(invoiceId), paymentId);
      throw error;
    }
  }

  private async charge(invoice: invoiceV1.Invoice, paymentId: string, request: RechargeRequest) {
    try {
      const response = await callDependency('payment', this.options.paymentPolicy, (attempt) =>
        this.options.payment.charge(
          {
            invoiceId: invoice.id,
            amountMinor: invoice.totalMinor,
            currency: invoice.currency,
            paymentMethodToken: request.paymentMethod,
            receiptEmail: invoice.customerEmail,
            idempotencyKey: paymentId,
          },
          { signal: attempt.signal, deadlineMs: attempt.timeoutMs },
        ),
      );
      if (response.payment === undefined) throw new TypeError('payment answered without a payment');
      return { payment: response.payment, replayed: response.replayed };
    } catch (error: unknown) {
      if (error instanceof FailedPreconditionError) {
        const reason: RechargeRefusal = /already paid/.test(error.message) ? 'paid' : 'pending';
        throw new RechargeRefusedError(invoice.id, reason, error.message, { cause: error });
      }
      if (!(error instanceof ServiceUnavailableError)) throw error;
      throw new PaymentUnavailableError(
        invoice.id,
        request.idempotencyKey,
        error.retryAfterSeconds,
        { cause: error },
      );
    }
  }
}

/** Throws unless `invoice` may be re-charged by `paymentId`: failed, or already reopened for it. */
function refuseUnlessFailed(invoice: invoiceV1.Invoice, paymentId: string): void {
  if (invoice.status === PAID) {
    throw new RechargeRefusedError(invoice.id, 'paid', `Invoice ${invoice.id} is already paid`);
  }
  if (invoice.status === PENDING && invoice.currentPaymentId !== paymentId) {
    throw new RechargeRefusedError(
      invoice.id,
      'pending',
      `Invoice ${invoice.id} has a payment in flight; wait for its outcome`,
    );
  }
}
