import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { invoiceV1 } from '@gaara/contracts';
import type { Invoice, InvoiceStatus } from '../domain/invoice';

const STATUS_TO_WIRE: Readonly<Record<InvoiceStatus, invoiceV1.InvoiceStatus>> = {
  pending: invoiceV1.InvoiceStatus.PENDING,
  paid: invoiceV1.InvoiceStatus.PAID,
  failed: invoiceV1.InvoiceStatus.FAILED,
};

// The way back is the same table read the other way.
const STATUS_FROM_WIRE: ReadonlyMap<invoiceV1.InvoiceStatus, InvoiceStatus> = new Map(
  Object.entries(STATUS_TO_WIRE).map(([status, wire]) => [wire, status as InvoiceStatus]),
);

/** The wire form of an invoice, field by field: what the contract carries is written here, nothing more. */
export function toInvoiceMessage(
  invoice: Invoice,
): MessageInitShape<typeof invoiceV1.InvoiceSchema> {
  return {
    id: invoice.id,
    customerId: invoice.customerId,
    customerEmail: invoice.customerEmail,
    items: invoice.lines.map((line) => ({
      productId: line.productId,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      lineTotalMinor: line.lineTotalMinor,
    })),
    subtotalMinor: invoice.subtotalMinor,
    totalMinor: invoice.totalMinor,
    currency: invoice.currency,
    status: STATUS_TO_WIRE[invoice.status],
    paymentId: invoice.paymentId ?? '',
    currentPaymentId: invoice.currentPaymentId ?? '',
    failureReason: invoice.failureReason ?? '',
    createdAt: timestampFromDate(invoice.createdAt),
    updatedAt: timestampFromDate(invoice.updatedAt),
  };
}

/** The status filter of ListInvoices; UNSPECIFIED (or any value the table lacks) means any. */
export function statusFromWire(status: invoiceV1.InvoiceStatus): InvoiceStatus | undefined {
  return STATUS_FROM_WIRE.get(status);
}
