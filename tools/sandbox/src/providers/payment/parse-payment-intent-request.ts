import type { PaymentIntentRequest, ProviderAnswer } from './payment-intent';
import { parameterInvalid } from './stripe-errors';

/** Stripe's upper bound of `amount` (eight digits of minor units). */
const maxAmount = 99_999_999;

export type ParsedPaymentIntentRequest =
  { readonly request: PaymentIntentRequest } | { readonly rejection: ProviderAnswer };

function metadataOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) return undefined;
  const metadata: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string' && typeof entry !== 'number') return undefined;
    metadata[key] = String(entry);
  }
  return metadata;
}

/**
 * Validates the JSON body of `POST /v1/payment_intents`: `amount` (positive integer, minor units),
 * `currency` (three letters), `payment_method` (string), optional `confirm` (must be true),
 * `receipt_email` and `metadata`. A rejection is a 400 `parameter_invalid`, never stored under the key.
 */
export function parsePaymentIntentRequest(body: unknown): ParsedPaymentIntentRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { rejection: parameterInvalid('body', 'The body must be a JSON object.') };
  }
  const fields = body as Record<string, unknown>;
  const { amount, currency, payment_method: paymentMethod, confirm } = fields;
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > maxAmount) {
    return {
      rejection: parameterInvalid('amount', `amount must be an integer from 1 to ${maxAmount}.`),
    };
  }
  if (typeof currency !== 'string' || !/^[a-zA-Z]{3}$/.test(currency)) {
    return { rejection: parameterInvalid('currency', 'currency must be a three-letter code.') };
  }
  if (typeof paymentMethod !== 'string') {
    return { rejection: parameterInvalid('payment_method', 'payment_method must be a string.') };
  }
  if (confirm !== undefined && confirm !== true) {
    return { rejection: parameterInvalid('confirm', 'The sandbox only supports confirm: true.') };
  }
  const receiptEmail = fields['receipt_email'];
  if (receiptEmail !== undefined && typeof receiptEmail !== 'string') {
    return { rejection: parameterInvalid('receipt_email', 'receipt_email must be a string.') };
  }
  const metadata = metadataOf(fields['metadata']);
  if (metadata === undefined) {
    return {
      rejection: parameterInvalid('metadata', 'metadata must map keys to strings or numbers.'),
    };
  }
  return {
    request: {
      amount,
      currency: currency.toLowerCase(),
      paymentMethod,
      receiptEmail,
      metadata,
    },
  };
}
