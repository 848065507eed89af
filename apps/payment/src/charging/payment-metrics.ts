import type { Counter, Meter } from '@opentelemetry/api';

/** How a Charge or ChargeTask ended, the `outcome` label of payments_total. */
export type PaymentOutcomeLabel =
  'succeeded' | 'failed' | 'queued' | 'dead_lettered' | 'replayed' | 'stale' | 'deferred';

/** What one provider call returned, the `result` label of payment_provider_calls_total. */
export type ProviderCallLabel =
  'succeeded' | 'declined' | 'rejected' | 'transient' | 'breaker_open';

/** The payment service's own counters; labels never carry ids, tokens or e-mails. */
export class PaymentMetrics {
  private readonly payments: Counter;
  private readonly providerCalls: Counter;

  constructor(meter: Meter) {
    this.payments = meter.createCounter('payments_total', {
      description: 'Charge requests and charge tasks by outcome',
    });
    this.providerCalls = meter.createCounter('payment_provider_calls_total', {
      description: 'Provider calls by result (breaker_open: rejected before reaching the provider)',
    });
  }

  payment(outcome: PaymentOutcomeLabel): void {
    this.payments.add(1, { outcome });
  }

  providerCall(result: ProviderCallLabel): void {
    this.providerCalls.add(1, { result });
  }
}
