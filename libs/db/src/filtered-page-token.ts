import type { z } from 'zod';
import { decodePageToken } from './page-token';

/** Why a page token is refused, as a violation of the request's `page_token` field. */
export interface PageTokenViolation {
  readonly field: 'page_token';
  readonly description: string;
}

/** How {@link decodeFilteredPageToken} checks a cursor against the request and reports a refusal. */
export interface FilteredPageTokenOptions<T> {
  /** True when the cursor was issued for the filters of this request. */
  readonly sameFilters: (cursor: T) => boolean;
  /** The violation's description for a cursor of other filters, e.g. `was issued for different filters`. */
  readonly otherFilters: string;
  /** The service's own error for a refused token (its "invalid request" error, naming the violation). */
  readonly refuse: (violation: PageTokenViolation) => Error;
}

/**
 * Decodes a page token of a filtered list with `schema`; throws `refuse(...)` for a token this service did not
 * issue, or one issued for other filters than the request's.
 */
export function decodeFilteredPageToken<T>(
  token: string,
  schema: z.ZodType<T>,
  options: FilteredPageTokenOptions<T>,
): T {
  let cursor: T;
  try {
    cursor = decodePageToken(token, schema);
  } catch {
    throw options.refuse({
      field: 'page_token',
      description: 'is not a token this service issued',
    });
  }
  if (!options.sameFilters(cursor)) {
    throw options.refuse({ field: 'page_token', description: options.otherFilters });
  }
  return cursor;
}
