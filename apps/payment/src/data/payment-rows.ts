import type { Payment, PaymentStatus } from '../domain/payment';

/** A payments row as pg returns it (int8 arrives as a string). */
export interface PaymentRow {
  id: string;
  invoice_id: string;
  amount_minor: string;
  currency: string;
  payment_method_token: string | null;
  receipt_email: string | null;
  status: PaymentStatus;
  attempts: number;
  provider_charge_id: string | null;
  last_error: string | null;
  lease_until: Date | null;
  retry_base: number | null;
  retry_tier: number | null;
  created_at: Date;
  updated_at: Date;
}

/** The payment a row holds, without its secrets. */
export function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    amountMinor: BigInt(row.amount_minor),
    currency: row.currency,
    status: row.status,
    providerChargeId: row.provider_charge_id ?? undefined,
    attempts: row.attempts,
    lastError: row.last_error ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
