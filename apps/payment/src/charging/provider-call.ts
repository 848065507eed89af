import { CircuitOpenError, type Policy } from '@gaara/resilience';
import type { ChargeDetails } from '../domain/payment';
import { failureKindOf } from '../provider/classify-provider-error';
import type { PaymentProvider, ProviderCharge } from '../provider/payment-provider';
import { ProviderDeclinedError, ProviderRejectedError } from '../provider/provider-errors';
import { sanitizeAttemptError, type AttemptFailedError } from './attempt-error';
import type { PaymentMetrics } from './payment-metrics';

/** What one provider attempt came to. */
export type ProviderCallResult =
  | { readonly kind: 'succeeded'; readonly charge: ProviderCharge }
  | { readonly kind: 'permanent'; readonly error: AttemptFailedError }
  | { readonly kind: 'transient'; readonly error: AttemptFailedError };

/**
 * Makes ONE provider call for a claimed payment through the `payment` policy (breaker, bulkhead, 5 s
 * timeout; no in-process retry: retries are the Kafka tiers, each with its own claim). The idempotency key
 * is always the payment id. Never throws.
 */
export async function callProvider(
  provider: PaymentProvider,
  policy: Policy,
  metrics: PaymentMetrics,
  details: ChargeDetails,
): Promise<ProviderCallResult> {
  try {
    const charge = await policy.execute(({ signal }) =>
      provider.createPaymentIntent(
        {
          idempotencyKey: details.paymentId,
          amountMinor: details.amountMinor,
          currency: details.currency,
          paymentMethodToken: details.paymentMethodToken,
          receiptEmail: details.receiptEmail,
          invoiceId: details.invoiceId,
        },
        signal,
      ),
    );
    metrics.providerCall('succeeded');
    return { kind: 'succeeded', charge };
  } catch (error: unknown) {
    metrics.providerCall(callLabelOf(error));
    const sanitized = sanitizeAttemptError(error);
    return failureKindOf(error) === 'permanent'
      ? { kind: 'permanent', error: sanitized }
      : { kind: 'transient', error: sanitized };
  }
}

function callLabelOf(error: unknown): 'declined' | 'rejected' | 'transient' | 'breaker_open' {
  if (error instanceof ProviderDeclinedError) return 'declined';
  if (error instanceof ProviderRejectedError) return 'rejected';
  if (error instanceof CircuitOpenError) return 'breaker_open';
  return 'transient';
}
