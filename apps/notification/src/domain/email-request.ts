import { randomUUID } from 'node:crypto';
import type { FieldViolation } from '@gaara/grpc';
import { templateViolations } from './email-templates';
import { InvalidEmailRequestError } from './notification-errors';

const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;
/** Longest idempotency key, in characters. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** A validated request to send one templated e-mail. */
export interface EmailRequest {
  /** PII: never log it or put it on spans. */
  readonly to: string;
  readonly template: string;
  readonly params: Readonly<Record<string, string>>;
  readonly idempotencyKey: string;
}

/** True for a plain single address (no display name, no list): header injection is impossible. */
export function isValidAddress(address: string): boolean {
  return address.length <= 254 && EMAIL.test(address);
}

/**
 * Checks every field at once; throws InvalidEmailRequestError listing the violations. An empty idempotency
 * key gets a random one (the request is then not deduplicated).
 */
export function parseEmailRequest(request: EmailRequest): EmailRequest {
  const violations: FieldViolation[] = [];
  if (!isValidAddress(request.to)) {
    violations.push({ field: 'to', description: 'must be a single e-mail address' });
  }
  violations.push(...templateViolations(request.template, request.params));
  if (request.idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    violations.push({
      field: 'idempotency_key',
      description: `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`,
    });
  }
  if (violations.length > 0) throw new InvalidEmailRequestError(violations);
  return {
    ...request,
    idempotencyKey: request.idempotencyKey === '' ? `rpc:${randomUUID()}` : request.idempotencyKey,
  };
}
