import type { z } from 'zod';
import { DatabaseError } from './database-error';

/**
 * Encodes a keyset-paging cursor (the last row's sort key plus the request's filters) as an opaque,
 * URL-safe token. Callers must not parse it; its layout may change.
 */
export function encodePageToken(cursor: unknown): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/**
 * Decodes a token made by {@link encodePageToken} and validates it with `schema`.
 * Throws DatabaseError DB_INVALID_PAGE_TOKEN for anything else (tampered, truncated, from another list).
 */
export function decodePageToken<T>(token: string, schema: z.ZodType<T>): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new DatabaseError('DB_INVALID_PAGE_TOKEN', 'page token is malformed');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new DatabaseError('DB_INVALID_PAGE_TOKEN', 'page token is malformed');
  return result.data;
}
