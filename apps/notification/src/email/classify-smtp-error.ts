import {
  BulkheadFullError,
  CircuitIsolatedError,
  CircuitOpenError,
  PolicyTimeoutError,
  type Classification,
} from '@gaara/resilience';
import { EmailDeliveryError } from '../domain/notification-errors';
import { sanitizeErrorText } from '../domain/sanitize';

/** nodemailer error codes that never succeed on a repeat without a change (malformed envelope or message). */
const PERMANENT_CODES: ReadonlySet<string> = new Set(['EENVELOPE', 'EMESSAGE']);

function property(error: unknown, key: string): unknown {
  return typeof error === 'object' && error !== null
    ? (error as Record<string, unknown>)[key]
    : undefined;
}

/**
 * Turns whatever a send threw into an {@link EmailDeliveryError}: SMTP 4xx replies, connection errors,
 * timeouts, an open breaker or a full bulkhead are transient (queue and retry); 5xx replies and malformed
 * envelopes are permanent. Unknown errors count as transient: the retry tiers bound them anyway. The raw error
 * is not kept as `cause`: SMTP replies echo the recipient's address, which must never reach a log.
 */
export function toDeliveryError(error: unknown): EmailDeliveryError {
  if (error instanceof EmailDeliveryError) return error;
  if (error instanceof CircuitOpenError || error instanceof CircuitIsolatedError) {
    return new EmailDeliveryError('email breaker is open', true, error.code);
  }
  if (error instanceof BulkheadFullError) {
    return new EmailDeliveryError('too many e-mails in flight', true, error.code);
  }
  if (error instanceof PolicyTimeoutError) {
    return new EmailDeliveryError(`smtp timed out after ${error.timeoutMs} ms`, true, error.code);
  }
  const message = sanitizeErrorText(error instanceof Error ? error.message : String(error));
  const responseCode = property(error, 'responseCode');
  if (typeof responseCode === 'number') {
    const transient = responseCode < 500;
    return new EmailDeliveryError(message, transient, `smtp-${responseCode}`);
  }
  const code = property(error, 'code');
  const errorClass = typeof code === 'string' ? code : 'UNKNOWN';
  return new EmailDeliveryError(message, !PERMANENT_CODES.has(errorClass), errorClass);
}

/**
 * The `email` breaker's classifier: transient failures count against the breaker; a permanent 5xx is about
 * the message (bad mailbox), not a failing server, and rejections by the policy itself are local.
 */
export function classifyEmailError(error: unknown): Classification {
  if (error instanceof PolicyTimeoutError) return 'transient';
  if (
    error instanceof CircuitOpenError ||
    error instanceof CircuitIsolatedError ||
    error instanceof BulkheadFullError
  ) {
    return 'caller';
  }
  return toDeliveryError(error).transient ? 'transient' : 'caller';
}
