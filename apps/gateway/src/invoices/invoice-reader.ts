import { isAdminAuthorized } from '../admin/admin-token';
import type { CustomerTokens } from './customer-tokens';

/** Who reads invoices: the operator (admin token), one customer (their customer token), or anyone. */
export type InvoiceReader =
  | { readonly kind: 'admin' }
  | { readonly kind: 'customer'; readonly customerId: string }
  | { readonly kind: 'anonymous' };

/** How the gateway tells readers apart. */
export interface ReaderCredentials {
  /** The admin bearer token; '' means no request is admin. */
  readonly adminToken: string;
  readonly customerTokens: CustomerTokens;
}

const bearer = /^Bearer ([^\s]+)$/;

/** The reader an `Authorization` header proves; a wrong or missing token is anonymous. */
export function invoiceReaderOf(
  authorization: string | undefined,
  credentials: ReaderCredentials,
): InvoiceReader {
  if (isAdminAuthorized(authorization, credentials.adminToken)) return { kind: 'admin' };
  const token = bearer.exec(authorization ?? '')?.[1];
  const customerId = token === undefined ? undefined : credentials.customerTokens.customerOf(token);
  return customerId === undefined ? { kind: 'anonymous' } : { kind: 'customer', customerId };
}

/** True when `reader` may see the personal data (e-mail) of `customerId`'s invoices. */
export function mayReadCustomer(reader: InvoiceReader, customerId: string): boolean {
  return (
    reader.kind === 'admin' || (reader.kind === 'customer' && reader.customerId === customerId)
  );
}

/** What replaces the e-mail of an invoice its reader may not see in full. */
export const REDACTED_EMAIL = '[redacted]';

/** `invoice` as `reader` may see it: another customer's (or anyone's, unauthenticated) e-mail redacted. */
export function invoiceSeenBy<
  T extends { readonly customerId: string; readonly customerEmail: string },
>(reader: InvoiceReader, invoice: T): T {
  return mayReadCustomer(reader, invoice.customerId)
    ? invoice
    : { ...invoice, customerEmail: REDACTED_EMAIL };
}
