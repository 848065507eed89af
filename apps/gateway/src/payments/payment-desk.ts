import type { paymentV1 } from '@gaara/contracts';
import type { GrpcClient } from '@gaara/grpc';
import type { Policy } from '@gaara/resilience';
import { callDependency } from '../errors/call-dependency';
import { orderPaymentJson } from '../json/payment-json';

/** What to charge for one invoice. */
export interface ChargeOrder {
  readonly invoiceId: string;
  /** Integer minor units of `currency`: the invoice's total. */
  readonly totalMinor: bigint;
  readonly currency: string;
  /** The provider's token of the customer's payment method. Secret: never logged, traced or answered. */
  readonly paymentMethodToken: string;
  /** Where the provider sends the receipt (PII). */
  readonly receiptEmail: string;
}

/** Charges invoices through the 'payment_service' breaker. */
export class PaymentDesk {
  constructor(
    private readonly client: Pick<GrpcClient<typeof paymentV1.PaymentService>, 'charge'>,
    private readonly policy: Policy,
  ) {}

  /**
   * Charges the invoice; the idempotency key is left empty so payment derives it from the invoice id and a
   * repeated order (or one of our retries) charges at most once.
   * @throws ServiceUnavailableError when payment cannot be reached, even to queue the charge
   */
  async charge(order: ChargeOrder) {
    const response = await callDependency('payment', this.policy, ({ signal, timeoutMs }) =>
      this.client.charge(
        {
          invoiceId: order.invoiceId,
          amountMinor: order.totalMinor,
          currency: order.currency,
          paymentMethodToken: order.paymentMethodToken,
          receiptEmail: order.receiptEmail,
          idempotencyKey: '',
        },
        { signal, deadlineMs: timeoutMs },
      ),
    );
    if (response.payment === undefined) throw new TypeError('payment answered without a payment');
    return orderPaymentJson(response.payment, response.replayed);
  }
}
