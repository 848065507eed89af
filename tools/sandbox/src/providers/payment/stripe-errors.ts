import type { ProviderAnswer, StripeErrorBody } from './payment-intent';

function answer(status: number, error: StripeErrorBody['error']): ProviderAnswer {
  return { status, body: { error } };
}

/** 401: missing or wrong `Authorization: Bearer <key>`. */
export const unauthorized = (): ProviderAnswer =>
  answer(401, {
    type: 'invalid_request_error',
    code: 'api_key_invalid',
    message: 'Invalid or missing API key; send Authorization: Bearer <key>.',
  });

/** 400: the sandbox requires an `Idempotency-Key` on every charge. */
export const idempotencyKeyMissing = (): ProviderAnswer =>
  answer(400, {
    type: 'invalid_request_error',
    code: 'idempotency_key_missing',
    message: 'The Idempotency-Key header is required.',
  });

/** 400: a body parameter is missing or has the wrong type; nothing is stored. */
export const parameterInvalid = (param: string, message: string): ProviderAnswer =>
  answer(400, { type: 'invalid_request_error', code: 'parameter_invalid', param, message });

/** 400: the key was used before with different parameters. */
export const idempotencyKeyReused = (): ProviderAnswer =>
  answer(400, {
    type: 'idempotency_error',
    code: 'idempotency_key_reused',
    message: 'Keys for idempotent requests can only be used with the same parameters.',
  });

/** 409 (retryable): another request with this key is being processed right now. */
export const idempotencyKeyInUse = (): ProviderAnswer =>
  answer(409, {
    type: 'idempotency_error',
    code: 'idempotency_key_in_use',
    message: 'Another request with this Idempotency-Key is in progress; retry later.',
  });

/** 402: the test token `tok_chargeDeclined`. */
export const cardDeclined = (): ProviderAnswer =>
  answer(402, {
    type: 'card_error',
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
  });

/** 400: `tok_invalid` or a payment method that is not a `tok_…` token. */
export const paymentMethodInvalid = (): ProviderAnswer =>
  answer(400, {
    type: 'invalid_request_error',
    code: 'payment_method_invalid',
    param: 'payment_method',
    message: 'The payment method is invalid.',
  });

/** The body could not be read (bad JSON, wrong content type, too large): Fastify's 4xx status. */
export const bodyUnreadable = (status: number, message: string): ProviderAnswer =>
  answer(status, { type: 'invalid_request_error', code: 'body_invalid', message });

/** 500: a bug in the sandbox, never an injected fault (those have their own body). */
export const internalError = (): ProviderAnswer =>
  answer(500, { type: 'api_error', code: 'internal', message: 'internal sandbox error' });
