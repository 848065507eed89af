/** One charge request to the provider; `idempotencyKey` is the payment id, the same on every attempt. */
export interface ProviderChargeRequest {
  readonly idempotencyKey: string;
  /** Integer minor units. */
  readonly amountMinor: bigint;
  /** ISO 4217, any case (sent lower-case). */
  readonly currency: string;
  /** Secret: never logged or traced. */
  readonly paymentMethodToken: string;
  /** PII: never logged or traced. */
  readonly receiptEmail: string | undefined;
  readonly invoiceId: string;
}

/** A charge the provider made (or had made for this idempotency key before). */
export interface ProviderCharge {
  /** The provider's payment intent id, e.g. `pi_…`. */
  readonly intentId: string;
  /** The provider's charge id (`latest_charge`), or the intent id when it sends none. */
  readonly chargeId: string;
}

/**
 * The payment provider. Throws ProviderDeclinedError / ProviderRejectedError (permanent) or
 * ProviderUnavailableError (transient); network and abort errors pass through (transient).
 */
export interface PaymentProvider {
  createPaymentIntent(request: ProviderChargeRequest, signal: AbortSignal): Promise<ProviderCharge>;
}
