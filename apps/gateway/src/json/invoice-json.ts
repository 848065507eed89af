import { invoiceV1 } from '@gaara/contracts';
import { minorUnits } from './money';
import { isoTime } from './timestamp';

/** Invoice statuses as the HTTP API names them. */
export const invoiceStatusNames = ['pending', 'paid', 'failed'] as const;
export type InvoiceStatusName = (typeof invoiceStatusNames)[number];

const statusNames: Readonly<Record<invoiceV1.InvoiceStatus, InvoiceStatusName | 'unknown'>> = {
  [invoiceV1.InvoiceStatus.UNSPECIFIED]: 'unknown',
  [invoiceV1.InvoiceStatus.PENDING]: 'pending',
  [invoiceV1.InvoiceStatus.PAID]: 'paid',
  [invoiceV1.InvoiceStatus.FAILED]: 'failed',
};

const statusValues: Readonly<Record<InvoiceStatusName, invoiceV1.InvoiceStatus>> = {
  pending: invoiceV1.InvoiceStatus.PENDING,
  paid: invoiceV1.InvoiceStatus.PAID,
  failed: invoiceV1.InvoiceStatus.FAILED,
};

export function invoiceStatusValue(name: InvoiceStatusName): invoiceV1.InvoiceStatus {
  return statusValues[name];
}

/** An invoice as its customer sees it over the HTTP API. */
export function invoiceJson(invoice: invoiceV1.Invoice) {
  return {
    id: invoice.id,
    customerId: invoice.customerId,
    customerEmail: invoice.customerEmail,
    items: invoice.items.map((item) => ({
      productId: item.productId,
      quantity: item.quantity,
      unitPriceMinor: minorUnits(item.unitPriceMinor),
      lineTotalMinor: minorUnits(item.lineTotalMinor),
    })),
    subtotalMinor: minorUnits(invoice.subtotalMinor),
    totalMinor: minorUnits(invoice.totalMinor),
    currency: invoice.currency,
    status: statusNames[invoice.status] ?? 'unknown',
    paymentId: invoice.paymentId,
    failureReason: invoice.failureReason,
    createdAt: isoTime(invoice.createdAt),
    updatedAt: isoTime(invoice.updatedAt),
  };
}

/** The dashboard's view of an invoice: no e-mail (PII) and no lines. */
export function invoiceSummaryJson(invoice: invoiceV1.Invoice) {
  return {
    id: invoice.id,
    customerId: invoice.customerId,
    status: statusNames[invoice.status] ?? 'unknown',
    totalMinor: minorUnits(invoice.totalMinor),
    currency: invoice.currency,
    itemCount: invoice.items.length,
    createdAt: isoTime(invoice.createdAt),
  };
}
