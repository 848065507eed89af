/** Domain of the Message-IDs this service mints. */
const MESSAGE_ID_DOMAIN = 'gaara.store';

/**
 * A Message-ID derived only from the idempotency key (`receipt:42` → `<receipt-42@gaara.store>`), so every
 * attempt of one e-mail carries the same id and a duplicate delivery is recognizable downstream.
 */
export function messageIdFor(idempotencyKey: string): string {
  const local = idempotencyKey.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 200);
  return `<${local}@${MESSAGE_ID_DOMAIN}>`;
}
