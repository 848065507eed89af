import type { invoiceV1 } from '@gaara/contracts';
import type { GrpcClient } from '@gaara/grpc';
import type { Policy } from '@gaara/resilience';
import { callDependency } from '../errors/call-dependency';
import { invoiceJson, invoiceStatusValue, type InvoiceStatusName } from '../json/invoice-json';
import type { InvoiceRecharges, RechargeRequest } from './invoice-recharges';

/** An order's items and customer; the payment method travels separately (see OrderDesk). */
export interface OrderRequest {
  readonly customerId: string;
  readonly customerEmail: string;
  readonly items: readonly { readonly productId: string; readonly quantity: number }[];
  /** Same key, same invoice: lets clients (and our retries) repeat a create safely. */
  readonly idempotencyKey?: string;
}

export interface InvoiceQuery {
  readonly pageSize?: number;
  readonly pageToken?: string;
  readonly status?: InvoiceStatusName;
  readonly customerId?: string;
}

/** Orders and invoices through the 'invoice' breaker; re-charges through `recharges` when given. */
export class InvoiceDesk {
  constructor(
    private readonly client: Pick<
      GrpcClient<typeof invoiceV1.InvoiceService>,
      'createInvoice' | 'getInvoice' | 'listInvoices'
    >,
    private readonly policy: Policy,
    private readonly recharges?: InvoiceRecharges,
  ) {}

  /** A new payment attempt for a failed invoice (see InvoiceRecharges.recharge). */
  recharge(request: RechargeRequest, mayPay: (customerId: string) => boolean) {
    if (this.recharges === undefined)
      throw new TypeError('this gateway was wired without re-charges');
    return this.recharges.recharge(request, mayPay);
  }

  /** Creates the invoice of an order (idempotent by its key); returns the key and the amount to charge. */
  async placeOrder(order: OrderRequest & { readonly idempotencyKey: string }) {
    const { idempotencyKey } = order;
    const response = await callDependency('invoice', this.policy, ({ signal, timeoutMs }) =>
      this.client.createInvoice(
        {
          customerId: order.customerId,
          customerEmail: order.customerEmail,
          items: order.items.map((item) => ({
            productId: item.productId,
            quantity: item.quantity,
          })),
          idempotencyKey,
        },
        { signal, deadlineMs: timeoutMs },
      ),
    );
    const invoice = response.invoice;
    if (invoice === undefined) throw new TypeError('invoice answered without an invoice');
    return {
      invoice: invoiceJson(invoice),
      replayed: response.replayed,
      idempotencyKey,
      billing: {
        invoiceId: invoice.id,
        totalMinor: invoice.totalMinor,
        currency: invoice.currency,
      },
    };
  }

  async get(id: string) {
    const { invoice } = await callDependency('invoice', this.policy, ({ signal, timeoutMs }) =>
      this.client.getInvoice({ id }, { signal, deadlineMs: timeoutMs }),
    );
    if (invoice === undefined) throw new TypeError('invoice answered without an invoice');
    return { invoice: invoiceJson(invoice) };
  }

  async list(query: InvoiceQuery) {
    const page = await callDependency('invoice', this.policy, ({ signal, timeoutMs }) =>
      this.client.listInvoices(
        {
          pageSize: query.pageSize ?? 0,
          pageToken: query.pageToken ?? '',
          status: query.status === undefined ? undefined : invoiceStatusValue(query.status),
          customerId: query.customerId,
        },
        { signal, deadlineMs: timeoutMs },
      ),
    );
    return { invoices: page.invoices.map(invoiceJson), nextPageToken: page.nextPageToken };
  }
}
