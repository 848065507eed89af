import { createHash, timingSafeEqual } from 'node:crypto';

const bearer = /^Bearer ([^\s]+)$/;

/** Fixed-length digests, so the comparison takes the same time whatever the lengths of the two tokens. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * True when `authorization` is `Bearer <expected>`. An empty `expected` means admin is disabled: nothing is
 * authorized. Compared in constant time (crypto.timingSafeEqual) so timing reveals nothing about the token.
 */
export function isAdminAuthorized(authorization: string | undefined, expected: string): boolean {
  if (expected === '') return false;
  const presented = bearer.exec(authorization ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(expected));
}
