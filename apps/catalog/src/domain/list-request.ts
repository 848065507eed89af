import type { FieldViolation } from '@gaara/grpc';
import { InvalidRequestError } from './catalog-errors';

/** Page size when the caller sends 0. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest page; bigger requests are capped, as the contract says. */
export const MAX_PAGE_SIZE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CATEGORY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Validates a product id (a UUID); throws InvalidRequestError naming `field`. */
export function parseProductId(id: string, field = 'id'): string {
  if (id === '') throw new InvalidRequestError([{ field, description: 'is required' }]);
  if (!UUID.test(id)) throw new InvalidRequestError([{ field, description: 'must be a UUID' }]);
  return id.toLowerCase();
}

/** A validated ListProducts request. */
export interface ListQuery {
  readonly pageSize: number;
  readonly pageToken: string;
  readonly category: string | undefined;
}

/** Applies defaults and bounds: page size 0 → 20, above 100 → 100; category must be a slug. */
export function parseListQuery(input: {
  pageSize: number;
  pageToken: string;
  category?: string;
}): ListQuery {
  const violations: FieldViolation[] = [];
  if (
    input.category !== undefined &&
    (input.category.length > 64 || !CATEGORY.test(input.category))
  ) {
    violations.push({
      field: 'category',
      description: 'must be a category slug such as "kitchen"',
    });
  }
  if (input.pageToken.length > 1024) {
    violations.push({ field: 'page_token', description: 'is not a token this service issued' });
  }
  if (violations.length > 0) throw new InvalidRequestError(violations);
  const pageSize =
    input.pageSize === 0 ? DEFAULT_PAGE_SIZE : Math.min(input.pageSize, MAX_PAGE_SIZE);
  return { pageSize, pageToken: input.pageToken, category: input.category };
}
