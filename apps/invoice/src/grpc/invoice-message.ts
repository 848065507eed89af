import type { MessageInitShape } from '@bufbuild/protobuf';
import { invoiceV1 } from '@gaara/contracts';
import { withWireTimestamps } from '@gaara/grpc';
import type { Invoice, InvoiceStatus } from '../domain/invoice';

const STATUS_TO_WIRE: Readonly<Record<InvoiceStatus, invoiceV1.InvoiceStatus>> = {
  pending: invoiceV1.InvoiceStatus.PENDING,
  paid: invoiceV1.InvoiceStatus.PAID,
  failed: invoiceV1.InvoiceStatus.FAILED,
};

/** The wire form of an invoice: its stored fields, with status, ids and times in their wire types. */
export function toInvoiceMessage(
  invoice: Invoice,
): MessageInitShape<typeof invoiceV1.InvoiceSchema> {
  return {
    ...withWireTimestamps(invoice),
    // Each line already has the fields of the wire's InvoiceItem.
    items: [...invoice.lines],
    status: STATUS_TO_WIRE[invoice.status],
    paymentId: invoice.paymentId ?? '',
    failureReason: invoice.failureReason ?? '',
  };
}

/** The status filter of ListInvoices; UNSPECIFIED means any. */
export function statusFromWire(status: invoiceV1.InvoiceStatus): InvoiceStatus | undefined {
  switch (status) {
    case invoiceV1.InvoiceStatus.PENDING:
      return 'pending';
    case invoiceV1.InvoiceStatus.PAID:
      return 'paid';
    case invoiceV1.InvoiceStatus.FAILED:
      return 'failed';
    default:
      return undefined;
  }
}
