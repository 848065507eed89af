import type { FieldViolation } from '@gaara/grpc';
import { InvalidRequestError } from './payment-errors';
import type { ChargeDetails } from './payment';

const CURRENCY = /^[A-Z]{3}$/;
const TOKEN = /^tok_[A-Za-z0-9_]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const KEY = /^[A-Za-z0-9_.:-]+$/;
/** Longest id, key or token accepted. */
const MAX_ID_LENGTH = 128;

/** A Charge request as it arrives (strings empty when unset). */
export interface ChargeRequestInput {
  readonly invoiceId: string;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly paymentMethodToken: string;
  readonly idempotencyKey: string;
  readonly receiptEmail: string;
}

/** A validated Charge request: what the provider is asked; `paymentId` is the idempotency key or `pay_<invoice id>`. */
export type ChargeRequest = ChargeDetails;

/** Checks every field at once; throws InvalidRequestError listing all violations (field names as in the proto). */
export function parseChargeRequest(input: ChargeRequestInput): ChargeRequest {
  const violations: FieldViolation[] = [];
  if (input.invoiceId.trim() === '' || input.invoiceId.length > MAX_ID_LENGTH) {
    violations.push({
      field: 'invoice_id',
      description: `is required, at most ${MAX_ID_LENGTH} characters`,
    });
  }
  if (input.amountMinor <= 0n) {
    violations.push({ field: 'amount_minor', description: 'must be greater than 0' });
  }
  if (!CURRENCY.test(input.currency)) {
    violations.push({ field: 'currency', description: 'must be 3 upper-case letters (ISO 4217)' });
  }
  // The token itself is never echoed back: it is a secret.
  if (!TOKEN.test(input.paymentMethodToken) || input.paymentMethodToken.length > MAX_ID_LENGTH) {
    violations.push({
      field: 'payment_method_token',
      description: 'must be a provider token (tok_...)',
    });
  }
  if (
    input.idempotencyKey !== '' &&
    (!KEY.test(input.idempotencyKey) || input.idempotencyKey.length > MAX_ID_LENGTH)
  ) {
    violations.push({
      field: 'idempotency_key',
      description: `must be at most ${MAX_ID_LENGTH} characters of [A-Za-z0-9_.:-]`,
    });
  }
  if (
    input.receiptEmail !== '' &&
    (input.receiptEmail.length > 254 || !EMAIL.test(input.receiptEmail))
  ) {
    violations.push({ field: 'receipt_email', description: 'must be an e-mail address' });
  }
  if (violations.length > 0) throw new InvalidRequestError(violations);
  return {
    paymentId:
      input.idempotencyKey !== '' ? input.idempotencyKey : paymentIdForInvoice(input.invoiceId),
    invoiceId: input.invoiceId,
    amountMinor: input.amountMinor,
    currency: input.currency,
    paymentMethodToken: input.paymentMethodToken,
    receiptEmail: input.receiptEmail === '' ? undefined : input.receiptEmail,
  };
}

/** The payment id of an invoice charged without a key: one invoice is charged at most once. */
export function paymentIdForInvoice(invoiceId: string): string {
  return `pay_${invoiceId}`;
}

/** Validates a payment id of GetPayment; throws InvalidRequestError naming `field`. */
export function parsePaymentId(id: string, field: string): string {
  if (id.trim() === '' || id.length > MAX_ID_LENGTH + 4) {
    throw new InvalidRequestError([{ field, description: 'is required' }]);
  }
  return id;
}
