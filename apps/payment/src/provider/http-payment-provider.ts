import { z } from 'zod';
import type { PaymentProvider, ProviderCharge, ProviderChargeRequest } from './payment-provider';
import {
  ProviderDeclinedError,
  ProviderProtocolError,
  ProviderRejectedError,
  ProviderUnavailableError,
} from './provider-errors';

/** Options of {@link HttpPaymentProvider}. */
export interface HttpPaymentProviderOptions {
  /** Base URL, e.g. `http://127.0.0.1:8092`. */
  readonly baseUrl: string;
  /** Secret key sent as `Authorization: Bearer`. */
  readonly apiKey: string;
}

const intentSchema = z.object({
  id: z.string().min(1),
  status: z.string(),
  latest_charge: z.string().nullish(),
});
const errorSchema = z.object({
  error: z.object({ code: z.string().optional(), type: z.string().optional() }).optional(),
});

/**
 * Stripe-shaped provider client: `POST /v1/payment_intents` with `confirm: true` and the payment id as
 * `Idempotency-Key`, so a retried attempt gets the stored result instead of a second charge.
 */
export class HttpPaymentProvider implements PaymentProvider {
  private readonly endpoint: string;

  constructor(private readonly options: HttpPaymentProviderOptions) {
    this.endpoint = new URL('/v1/payment_intents', options.baseUrl).toString();
  }

  async createPaymentIntent(
    request: ProviderChargeRequest,
    signal: AbortSignal,
  ): Promise<ProviderCharge> {
    const response = await fetch(this.endpoint, {
      method: 'POST',
      signal,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.options.apiKey}`,
        'idempotency-key': request.idempotencyKey,
      },
      body: JSON.stringify({
        amount: Number(request.amountMinor),
        currency: request.currency.toLowerCase(),
        payment_method: request.paymentMethodToken,
        confirm: true,
        ...(request.receiptEmail === undefined ? {} : { receipt_email: request.receiptEmail }),
        metadata: { invoice_id: request.invoiceId, payment_id: request.idempotencyKey },
      }),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok) return chargeOf(body);
    const code = errorCodeOf(body);
    if (response.status === 402) throw new ProviderDeclinedError(code ?? 'card_declined');
    // 400 except an idempotency conflict still in flight (Stripe answers that with 409).
    if (response.status === 400) throw new ProviderRejectedError(code ?? 'invalid_request');
    throw new ProviderUnavailableError(response.status);
  }
}

function chargeOf(body: unknown): ProviderCharge {
  const parsed = intentSchema.safeParse(body);
  if (!parsed.success || parsed.data.status !== 'succeeded') {
    throw new ProviderProtocolError('provider answered 2xx without a succeeded payment intent');
  }
  return { intentId: parsed.data.id, chargeId: parsed.data.latest_charge ?? parsed.data.id };
}

/** The provider's error code (e.g. `card_declined`), reduced to a safe word for logs and last_error. */
function errorCodeOf(body: unknown): string | undefined {
  const parsed = errorSchema.safeParse(body);
  const code = parsed.success ? (parsed.data.error?.code ?? parsed.data.error?.type) : undefined;
  return code === undefined ? undefined : code.replace(/[^A-Za-z0-9_]/g, '').slice(0, 64);
}
