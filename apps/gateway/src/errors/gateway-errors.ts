/** Base of the gateway's own errors: the class name is the error's name (for logs); `code` is stable. */
export abstract class GatewayError extends Error {
  public abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A dependency cannot answer now (down, timed out, breaker open); the caller may retry after `retryAfterSeconds`. */
export class ServiceUnavailableError extends GatewayError {
  public readonly code = 'SERVICE_UNAVAILABLE';

  constructor(
    public readonly dependency: string,
    public readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(`${dependency} is unavailable`, options);
  }
}

/** The external API answered with a non-2xx status; `status` lets the HTTP classifier judge it. */
export class ExternalApiStatusError extends GatewayError {
  public readonly code = 'EXTERNAL_API_STATUS';

  constructor(public readonly status: number) {
    super(`External API answered ${status}`);
  }
}

/** A money amount does not fit a JSON number exactly; refusing beats rounding someone's bill. */
export class MoneyOutOfRangeError extends GatewayError {
  public readonly code = 'MONEY_OUT_OF_RANGE';

  constructor() {
    super('Money amount exceeds the safe integer range');
  }
}

/**
 * The order's invoice exists but the payment service could not even queue its charge. Repeating the order with
 * `idempotencyKey` is safe: the invoice is replayed and payment derives its key from the invoice id.
 */
export class PaymentUnavailableError extends GatewayError {
  public readonly code = 'PAYMENT_UNAVAILABLE';

  constructor(
    public readonly invoiceId: string,
    public readonly idempotencyKey: string,
    public readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super('payment is unavailable', options);
  }
}

/**
 * An order did not complete within its deadline (a dependency is slow): it may exist, its payment may be under
 * way. Repeating it with `idempotencyKey` is safe; `invoiceId` is set when the invoice was created in time.
 */
export class OrderTimeoutError extends GatewayError {
  public readonly code = 'ORDER_TIMEOUT';

  constructor(
    public readonly deadlineMs: number,
    public readonly idempotencyKey: string,
    public readonly invoiceId: string | undefined,
    public readonly retryAfterSeconds: number,
  ) {
    super(`the order did not complete within ${deadlineMs} ms`);
  }
}

/** An admin call without the right bearer token (or admin is disabled: no token configured). */
export class UnauthorizedError extends GatewayError {
  public readonly code = 'UNAUTHORIZED';

  constructor(message = 'A valid admin bearer token is required') {
    super(message);
  }
}

/** A dead-letter queue name the gateway does not know. */
export class UnknownQueueError extends GatewayError {
  public readonly code = 'UNKNOWN_QUEUE';

  constructor(public readonly queue: string) {
    super(`No dead-letter queue named ${queue}`);
  }
}

/** A dead letter replayed by entry was refused by its queue's check (e.g. its order's stock is gone). */
export class ReplayRefusedError extends GatewayError {
  public readonly code = 'REPLAY_REFUSED';

  constructor(
    public readonly queue: string,
    public readonly entry: { readonly partition: number; readonly offset: string },
    public readonly reason: string,
  ) {
    super(`Dead letter ${entry.partition}:${entry.offset} of ${queue} not replayed: ${reason}`);
  }
}

/** Why a re-charge of an invoice is refused: it is paid, a payment is in flight, or its stock cannot be held. */
export type RechargeRefusal = 'paid' | 'pending' | 'stock_gone';

/** A new payment attempt for an invoice was refused as things stand; nothing was charged. */
export class RechargeRefusedError extends GatewayError {
  public readonly code = 'RECHARGE_REFUSED';

  constructor(
    public readonly invoiceId: string,
    public readonly reason: RechargeRefusal,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A valid customer token, but of another customer than the one the request acts for. */
export class ForbiddenError extends GatewayError {
  public readonly code = 'FORBIDDEN';

  constructor(message = "This token does not belong to the invoice's customer") {
    super(message);
  }
}
