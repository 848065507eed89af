import type { Invoice, InvoiceStatus } from '../domain/invoice';

/** An invoices row as pg returns it (int8 arrives as a string). */
export interface InvoiceRow {
  id: string;
  seq: string;
  customer_id: string;
  customer_email: string;
  currency: string;
  subtotal_minor: string;
  total_minor: string;
  status: InvoiceStatus;
  payment_id: string | null;
  current_payment_id: string | null;
  failure_reason: string | null;
  idempotency_key: string | null;
  request_fingerprint: string;
  created_at: Date;
  updated_at: Date;
}

/** An invoice_lines row. */
export interface LineRow {
  invoice_id: string;
  line_no: number;
  product_id: string;
  quantity: number;
  unit_price_minor: string;
  line_total_minor: string;
}

export function toInvoice(row: InvoiceRow, lines: readonly LineRow[]): Invoice {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerEmail: row.customer_email,
    lines: [...lines]
      .sort((a, b) => a.line_no - b.line_no)
      .map((line) => ({
        productId: line.product_id,
        quantity: line.quantity,
        unitPriceMinor: BigInt(line.unit_price_minor),
        lineTotalMinor: BigInt(line.line_total_minor),
      })),
    subtotalMinor: BigInt(row.subtotal_minor),
    totalMinor: BigInt(row.total_minor),
    currency: row.currency,
    status: row.status,
    paymentId: row.payment_id ?? undefined,
    currentPaymentId: row.current_payment_id ?? undefined,
    failureReason: row.failure_reason ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
