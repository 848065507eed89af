import { CodedError } from '@gaara/service';
/** Errors of the payment provider; `code` is stable and messages never hold card data or e-mails. */
export abstract class ProviderError extends CodedError {
  /** True when the same request can never succeed: the payment fails for good. */
  abstract readonly permanent: boolean;
}

/** 402: the card was declined. Permanent. */
export class ProviderDeclinedError extends ProviderError {
  readonly code = 'PROVIDER_DECLINED';
  readonly permanent = true;
  /** HTTP status, for the breaker's classifier: a decline is the customer's, not the provider's fault. */
  readonly status = 402;
  constructor(readonly declineCode: string) {
    super(`card declined (${declineCode})`);
  }
}

/** 400: the request is invalid (bad payment method, idempotency key reused differently). Permanent. */
export class ProviderRejectedError extends ProviderError {
  readonly code = 'PROVIDER_REJECTED';
  readonly permanent = true;
  readonly status = 400;
  constructor(readonly rejectCode: string) {
    super(`provider rejected the request (${rejectCode})`);
  }
}

/**
 * The provider could not answer now: 5xx, 409 (same key in flight), 429, or 401/403 (our key; an operator
 * fixes it and replays). Transient: retried on the next tier.
 */
export class ProviderUnavailableError extends ProviderError {
  readonly code = 'PROVIDER_UNAVAILABLE';
  readonly permanent = false;
  constructor(readonly status: number) {
    super(`provider answered HTTP ${status}`);
  }
}

/** The provider answered 2xx with a body we cannot read; transient (the idempotency key makes a retry safe). */
export class ProviderProtocolError extends ProviderError {
  readonly code = 'PROVIDER_PROTOCOL';
  readonly permanent = false;
}
