import type { MessageInitShape } from '@bufbuild/protobuf';
import { invoiceV1 } from '@gaara/contracts';
import { withWireTimestamps } from '@gaara/grpc';
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

/** The status filter of ListInvoices; UNSPECIFIED (or any value the table lacks) means any. */
export function statusFromWire(status: invoiceV1.InvoiceStatus): InvoiceStatus | undefined {
  return STATUS_FROM_WIRE.get(status);
}
