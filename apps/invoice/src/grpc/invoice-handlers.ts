import type { invoiceV1 } from '@gaara/contracts';
import type { ServiceImplementation } from '@gaara/grpc';
import { InvalidRequestError } from '../domain/invoice-errors';
import { parseInvoiceId, parseRequiredText } from '../domain/invoice-request';
import type { Invoices } from '../invoices';
import { statusFromWire, toInvoiceMessage } from './invoice-message';
import { toGrpcError } from './to-grpc-error';

/** Page size when the caller sends 0; larger requests are capped at {@link MAX_PAGE_SIZE}. */
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** InvoiceService over the use cases; every error goes through toGrpcError. */
export function invoiceHandlers(
  invoices: Invoices,
): ServiceImplementation<typeof invoiceV1.InvoiceService> {
  return {
    async createInvoice(request, { signal }) {
      try {
        const created = await invoices.create(
          {
            customerId: request.customerId,
            customerEmail: request.customerEmail,
            idempotencyKey: request.idempotencyKey,
            items: request.items.map((item) => ({
              productId: item.productId,
              quantity: item.quantity,
            })),
          },
          signal,
        );
        return { invoice: toInvoiceMessage(created.invoice), replayed: created.replayed };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async getInvoice(request, { signal }) {
      try {
        const invoice = await invoices.get(parseInvoiceId(request.id, 'id'), signal);
        return { invoice: toInvoiceMessage(invoice) };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async listInvoices(request, { signal }) {
      try {
        if (request.customerId !== undefined && request.customerId === '') {
          throw new InvalidRequestError([
            { field: 'customer_id', description: 'must not be empty when set' },
          ]);
        }
        const page = await invoices.list(
          {
            pageSize:
              request.pageSize === 0
                ? DEFAULT_PAGE_SIZE
                : Math.min(request.pageSize, MAX_PAGE_SIZE),
            pageToken: request.pageToken,
            status: statusFromWire(request.status),
            customerId: request.customerId,
          },
          signal,
        );
        return { invoices: page.invoices.map(toInvoiceMessage), nextPageToken: page.nextPageToken };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async markInvoicePaid(request, { signal }) {
      try {
        const id = parseInvoiceId(request.invoiceId, 'invoice_id');
        const paymentId = parseRequiredText(request.paymentId, 'payment_id', 128);
        return { invoice: toInvoiceMessage(await invoices.markPaid(id, paymentId, signal)) };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async markInvoiceFailed(request, { signal }) {
      try {
        const id = parseInvoiceId(request.invoiceId, 'invoice_id');
        const reason = parseRequiredText(request.reason, 'reason', 500);
        const paymentId =
          request.paymentId === ''
            ? undefined
            : parseRequiredText(request.paymentId, 'payment_id', 128);
        return {
          invoice: toInvoiceMessage(await invoices.markFailed(id, reason, signal, paymentId)),
        };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },

    async reopenInvoice(request, { signal }) {
      try {
        const id = parseInvoiceId(request.invoiceId, 'invoice_id');
        const paymentId = parseRequiredText(request.paymentId, 'payment_id', 128);
        return { invoice: toInvoiceMessage(await invoices.reopen(id, paymentId, signal)) };
      } catch (error: unknown) {
        throw toGrpcError(error);
      }
    },
  };
}
