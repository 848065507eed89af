/** Where a payment is in its life, as stored. `processing` means a provider call is claimed and in flight. */
export type PaymentStatus =
  'pending' | 'processing' | 'succeeded' | 'failed' | 'queued' | 'dead_lettered';

/** Outcomes after which the provider is never called again (unless a dead letter is replayed). */
export const FINAL_STATUSES: readonly PaymentStatus[] = ['succeeded', 'failed'];

/** One charge of one invoice over all its attempts. Holds no card token and no e-mail. */
export interface Payment {
  readonly id: string;
  readonly invoiceId: string;
  /** Integer minor units of `currency`. */
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly status: PaymentStatus;
  readonly providerChargeId: string | undefined;
  /** Provider calls made so far. */
  readonly attempts: number;
  /** Sanitized reason of the last failed attempt. */
  readonly lastError: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What the provider is asked to charge; the token and e-mail are secrets/PII and never logged. */
export interface ChargeDetails {
  readonly paymentId: string;
  readonly invoiceId: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly paymentMethodToken: string;
  readonly receiptEmail: string | undefined;
}
