import { BulkheadFullError, CircuitOpenError, PolicyTimeoutError } from '@gaara/resilience';
import { ProviderError } from '../provider/provider-errors';

/**
 * A failed attempt reduced to what may be stored, logged and put in message headers: a stable code and a
 * message built here, never the provider's or fetch's own text (which could echo a token or an e-mail).
 */
export class AttemptFailedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AttemptFailedError';
  }

  /** The `last_error` column value, e.g. `PROVIDER_DECLINED: card declined (card_declined)`. */
  get description(): string {
    return `${this.code}: ${this.message}`;
  }
}

/** Sanitizes whatever a provider attempt threw. */
export function sanitizeAttemptError(error: unknown): AttemptFailedError {
  if (error instanceof AttemptFailedError) return error;
  if (error instanceof ProviderError) return new AttemptFailedError(error.code, error.message);
  if (error instanceof CircuitOpenError) {
    return new AttemptFailedError(error.code, 'payment breaker is open');
  }
  if (error instanceof PolicyTimeoutError) {
    return new AttemptFailedError(error.code, `no answer within ${error.timeoutMs} ms`);
  }
  if (error instanceof BulkheadFullError) {
    return new AttemptFailedError('BULKHEAD_FULL', 'too many provider calls in flight');
  }
  const code = networkCodeOf(error);
  if (code !== undefined) return new AttemptFailedError('NETWORK', `connection failed (${code})`);
  const name = error instanceof Error ? error.name.replace(/[^A-Za-z0-9_]/g, '') : typeof error;
  return new AttemptFailedError('UNEXPECTED', `attempt failed (${name})`);
}

/** The socket/undici error code of a fetch failure (`TypeError: fetch failed` wraps it as `cause`). */
function networkCodeOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
  return networkCodeOf((error as { cause?: unknown }).cause, depth + 1);
}
