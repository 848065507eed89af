import { FailedPreconditionError, InvalidArgumentError, isGrpcServiceError } from '@gaara/grpc';
import { UnknownBreakerError } from '@gaara/resilience';
import {
  ForbiddenError,
  OrderTimeoutError,
  PaymentUnavailableError,
  RechargeRefusedError,
  ReplayRefusedError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnknownQueueError,
} from './gateway-errors';
import { isUnavailability } from './call-dependency';
import { violationsOf, type SchemaError, type Violation } from './validation-violations';

/** What the gateway answers for an error. */
export interface HttpErrorResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Readonly<Record<string, unknown>>;
  /** True for 5xx other than unavailability: a bug worth an error log line. */
  readonly unexpected: boolean;
}

/** The shape Fastify gives validation, body-limit and parser errors. */
interface FastifyLikeError {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly validation?: readonly SchemaError[];
  readonly validationContext?: string;
}

const clientErrorTitles: Readonly<Record<number, string>> = {
  400: 'Bad request',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  413: 'Payload too large',
  415: 'Unsupported media type',
};

/**
 * THE mapping from any error to an HTTP answer (the one place gRPC statuses become HTTP):
 * schema or INVALID_ARGUMENT → 400 with field and reason; FAILED_PRECONDITION (not enough stock, an illegal
 * status move) → 409 with the reason and a violation per refused field; a dead letter refused a replay → 409
 * with the reason; a refused re-charge → 409 FAILED_PRECONDITION with its `reason` (paid, pending, stock_gone);
 * NOT_FOUND, an unknown dead-letter queue or breaker → 404; a missing or wrong admin token → 401; another
 * customer's token → 403; unavailable, timed out or breaker open → 503 with Retry-After (an order
 * whose invoice exists but whose payment could not be queued says so, with its idempotency key); Fastify's own 4xx (body too large 413, bad JSON 400, media type 415) as they are;
 * anything else → 500 with the request id and nothing about the cause.
 */
export function httpErrorResponse(error: unknown, requestId: string): HttpErrorResponse {
  const fastify = (typeof error === 'object' && error !== null ? error : {}) as FastifyLikeError;
  if (fastify.validation !== undefined) {
    return invalid(
      violationsOf(fastify.validation, fastify.validationContext ?? 'request'),
      requestId,
    );
  }
  if (error instanceof InvalidArgumentError) {
    const violations = error.violations.map((v) => ({
      in: 'body',
      field: v.field,
      reason: v.description,
    }));
    return invalid(
      violations.length > 0 ? violations : [{ in: 'body', field: 'body', reason: error.message }],
      requestId,
    );
  }
  if (error instanceof RechargeRefusedError) {
    return answer(409, {
      error: 'Conflict',
      code: 'FAILED_PRECONDITION',
      message: error.message,
      reason: error.reason,
      invoiceId: error.invoiceId,
      requestId,
    });
  }
  if (error instanceof FailedPreconditionError) {
    return answer(409, {
      error: 'Conflict',
      code: 'FAILED_PRECONDITION',
      message: error.message,
      violations: error.violations.map((v) => ({
        in: 'body',
        field: v.field,
        reason: v.description,
      })),
      requestId,
    });
  }
  if (error instanceof UnauthorizedError) {
    // Shaped as the admin API documents it; says nothing about whether admin is enabled.
    return answer(401, { error: { code: error.code, message: error.message }, requestId });
  }
  if (error instanceof ForbiddenError) {
    return answer(403, { error: 'Forbidden', code: error.code, message: error.message, requestId });
  }
  if (error instanceof ReplayRefusedError) {
    return answer(409, {
      error: 'Conflict',
      code: error.code,
      queue: error.queue,
      partition: error.entry.partition,
      offset: error.entry.offset,
      reason: error.reason,
      requestId,
    });
  }
  if (error instanceof UnknownQueueError) {
    return answer(404, { error: 'Not found', code: error.code, queue: error.queue, requestId });
  }
  if (error instanceof UnknownBreakerError) {
    return answer(404, { error: 'Not found', code: error.code, breaker: error.breaker, requestId });
  }
  if (error instanceof PaymentUnavailableError) {
    return paymentUnavailable(error, requestId);
  }
  if (error instanceof OrderTimeoutError) {
    return orderTimeout(error, requestId);
  }
  if (isGrpcServiceError(error) && error.code === 'NOT_FOUND') {
    return answer(404, { error: 'Not found', code: 'NOT_FOUND', requestId });
  }
  if (error instanceof ServiceUnavailableError) {
    return unavailable(error.dependency, error.retryAfterSeconds, requestId);
  }
  if (isUnavailability(error)) return unavailable('dependency', 1, requestId);
  const status = typeof fastify.statusCode === 'number' ? fastify.statusCode : 500;
  if (
    typeof fastify.code === 'string' &&
    fastify.code.startsWith('FST_') &&
    status >= 400 &&
    status < 500
  ) {
    return answer(status, {
      error: clientErrorTitles[status] ?? 'Bad request',
      code: fastify.code.replace(/^FST_ERR_/, ''),
      requestId,
    });
  }
  return { ...answer(500, { error: 'Internal error', requestId }), unexpected: true };
}

function answer(
  statusCode: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): HttpErrorResponse {
  return { statusCode, headers, body, unexpected: false };
}

function invalid(violations: readonly Violation[], requestId: string): HttpErrorResponse {
  const [first] = violations;
  return answer(400, {
    error: 'Invalid request',
    code: 'INVALID_ARGUMENT',
    field: first?.field,
    reason: first?.reason,
    violations,
    requestId,
  });
}

function unavailable(dependency: string, retryAfter: number, requestId: string): HttpErrorResponse {
  return answer(
    503,
    { error: 'Service unavailable', code: 'SERVICE_UNAVAILABLE', dependency, requestId },
    { 'retry-after': String(retryAfter) },
  );
}

function paymentUnavailable(error: PaymentUnavailableError, requestId: string): HttpErrorResponse {
  return answer(
    503,
    {
      error: 'Service unavailable',
      code: error.code,
      dependency: 'payment',
      message:
        `The order exists (invoice ${error.invoiceId}) but its payment could not be started. ` +
        'Repeating the request with the same idempotencyKey is safe: it creates no second order and charges at most once.',
      invoiceId: error.invoiceId,
      idempotencyKey: error.idempotencyKey,
      requestId,
    },
    { 'retry-after': String(error.retryAfterSeconds) },
  );
}

/** The order ran out of time: it goes on, so a repeat after Retry-After usually finds it placed. */
function orderTimeout(error: OrderTimeoutError, requestId: string): HttpErrorResponse {
  return answer(
    503,
    {
      error: 'Service unavailable',
      code: error.code,
      message:
        `The order did not complete within ${error.deadlineMs} ms; it may have been placed. ` +
        'Repeating the request with the same idempotencyKey is safe: it creates no second order and charges at most once.',
      ...(error.invoiceId === undefined ? {} : { invoiceId: error.invoiceId }),
      idempotencyKey: error.idempotencyKey,
      requestId,
    },
    { 'retry-after': String(error.retryAfterSeconds) },
  );
}
