import type { FieldViolation } from '@gaara/grpc';
import { InvalidRequestError } from './invoice-errors';

/** Most lines one invoice may have. */
export const MAX_LINES = 100;
/** Most units of one line. */
export const MAX_QUANTITY = 1_000_000;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A validated CreateInvoice request. */
export interface NewInvoiceRequest {
  readonly customerId: string;
  readonly customerEmail: string;
  /** Empty string: no idempotency. */
  readonly idempotencyKey: string;
  readonly items: ReadonlyArray<{ readonly productId: string; readonly quantity: number }>;
}

/** Checks every field at once; throws InvalidRequestError listing all violations (field paths as in the proto). */
export function parseNewInvoice(request: NewInvoiceRequest): NewInvoiceRequest {
  const violations: FieldViolation[] = [];
  if (request.items.length === 0)
    violations.push({ field: 'items', description: 'needs at least one item' });
  if (request.items.length > MAX_LINES) {
    violations.push({ field: 'items', description: `has more than ${MAX_LINES} items` });
  }
  request.items.forEach((item, index) => {
    if (item.productId === '') {
      violations.push({ field: `items[${index}].product_id`, description: 'is required' });
    }
    if (item.quantity <= 0) {
      violations.push({ field: `items[${index}].quantity`, description: 'must be at least 1' });
    } else if (item.quantity > MAX_QUANTITY) {
      violations.push({
        field: `items[${index}].quantity`,
        description: `must be at most ${MAX_QUANTITY}`,
      });
    }
  });
  if (request.customerId === '' || request.customerId.length > 128) {
    violations.push({ field: 'customer_id', description: 'is required, at most 128 characters' });
  }
  if (request.customerEmail.length > 254 || !EMAIL.test(request.customerEmail)) {
    violations.push({ field: 'customer_email', description: 'must be an e-mail address' });
  }
  if (request.idempotencyKey.length > 128) {
    violations.push({ field: 'idempotency_key', description: 'must be at most 128 characters' });
  }
  if (violations.length > 0) throw new InvalidRequestError(violations);
  return request;
}

/** Validates an invoice id (a UUID); throws InvalidRequestError naming `field`. */
export function parseInvoiceId(id: string, field: string): string {
  if (id === '') throw new InvalidRequestError([{ field, description: 'is required' }]);
  if (!UUID.test(id)) throw new InvalidRequestError([{ field, description: 'must be a UUID' }]);
  return id.toLowerCase();
}

/** Validates a required short text field (payment id, failure reason). */
export function parseRequiredText(value: string, field: string, maxLength: number): string {
  if (value.trim() === '' || value.length > maxLength) {
    throw new InvalidRequestError([
      { field, description: `is required, at most ${maxLength} characters` },
    ]);
  }
  return value;
}
