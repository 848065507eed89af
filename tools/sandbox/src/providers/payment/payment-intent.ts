/** A validated `POST /v1/payment_intents` body (Stripe-shaped, JSON). */
export interface PaymentIntentRequest {
  /** Amount in minor units (cents), a positive integer. */
  readonly amount: number;
  /** ISO 4217 code in lower case, e.g. `eur`. */
  readonly currency: string;
  /** Test card token, e.g. `tok_visa`; its value decides the outcome. */
  readonly paymentMethod: string;
  readonly receiptEmail: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
}

/** 200 body of a confirmed payment intent. */
export interface PaymentIntentBody {
  /** `pi_…` */
  readonly id: string;
  readonly object: 'payment_intent';
  readonly status: 'succeeded';
  readonly amount: number;
  readonly currency: string;
  /** `ch_…` */
  readonly latest_charge: string;
}

/** Body of every non-2xx provider answer, as Stripe shapes it. */
export interface StripeErrorBody {
  readonly error: {
    readonly type: 'card_error' | 'invalid_request_error' | 'idempotency_error' | 'api_error';
    readonly code: string;
    readonly message: string;
    /** Offending request parameter, when there is one. */
    readonly param?: string;
    readonly decline_code?: string;
  };
}

/** One charge the provider made, as `GET /_control/payment/charges` lists it. */
export interface PaymentCharge {
  /** The payment intent id (`pi_…`), the `id` the payer got back. */
  readonly id: string;
  /** The charge id (`ch_…`), the payer's `latest_charge`. */
  readonly chargeId: string;
  readonly idempotencyKey: string;
  /** Minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly paymentMethod: string;
  readonly receiptEmail: string | undefined;
  readonly metadata: Readonly<Record<string, string>>;
  /** ISO 8601 time the charge was recorded. */
  readonly createdAt: string;
}

/** An answer of the provider: HTTP status and JSON body. */
export interface ProviderAnswer {
  readonly status: number;
  readonly body: PaymentIntentBody | StripeErrorBody;
}
