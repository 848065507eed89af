/** Where an invoice is in its life: pending → paid | failed, and failed → pending for a re-charge. */
export type InvoiceStatus = 'pending' | 'paid' | 'failed';

/** One line; amounts are integer minor units of the invoice's currency. */
export interface InvoiceLine {
  readonly productId: string;
  readonly quantity: number;
  readonly unitPriceMinor: bigint;
  readonly lineTotalMinor: bigint;
}

export interface Invoice {
  readonly id: string;
  readonly customerId: string;
  /** PII: never log it or put it on spans. */
  readonly customerEmail: string;
  readonly lines: readonly InvoiceLine[];
  readonly subtotalMinor: bigint;
  readonly totalMinor: bigint;
  readonly currency: string;
  readonly status: InvoiceStatus;
  readonly paymentId: string | undefined;
  /** The payment a re-charge reopened the invoice for; undefined while the order's first payment is the only one. */
  readonly currentPaymentId: string | undefined;
  readonly failureReason: string | undefined;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One page of invoices, newest first; `nextPageToken` is empty on the last page. */
export interface InvoicePage {
  readonly invoices: readonly Invoice[];
  readonly nextPageToken: string;
}
