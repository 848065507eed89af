import { createHash } from 'node:crypto';
import { withTransientRetry } from '@gaara/db';
import type { ProductCatalog, ReservedOrder } from './catalog/product-catalog';
import type { InvoiceListQuery, InvoiceRepository } from './data/invoice-repository';
import type { Invoice, InvoicePage } from './domain/invoice';
import {
  InsufficientStockError,
  InvalidRequestError,
  InvoiceNotFoundError,
} from './domain/invoice-errors';
import { invoiceIdFor } from './domain/invoice-id';
import { orderLinesOf, sameLines, type OrderLine } from './domain/order-lines';
import { parseNewInvoice, type NewInvoiceRequest } from './domain/invoice-request';
import { decideFailed, decidePaid, decideReopened } from './domain/invoice-transitions';
import { priceInvoice, type PricedInvoice } from './domain/price-invoice';

/** Result of {@link Invoices.create}: `replayed` when the idempotency key had been seen. */
export interface CreatedInvoice {
  readonly invoice: Invoice;
  readonly replayed: boolean;
}

/**
 * The invoice use cases. Database work retries transient errors (1 s, 2 s) as a whole statement or
 * transaction; ids passed in are already validated.
 */
export class Invoices {
  constructor(
    private readonly repository: InvoiceRepository,
    private readonly catalog: ProductCatalog,
  ) {}

  /**
   * Creates a pending invoice, its stock reserved and priced by the catalog in one call (the reservation's id
   * is the invoice id, derived from the idempotency key). A known idempotency key returns the first invoice
   * without asking the catalog again; the same key with a different request is INVALID_REQUEST. Not enough
   * stock is INSUFFICIENT_STOCK naming each short item; nothing is stored then. A reservation whose invoice
   * cannot be priced is released; one whose insert fails stays held for the repeat (same key, same id) or
   * until its hold expires.
   */
  async create(input: NewInvoiceRequest, signal?: AbortSignal): Promise<CreatedInvoice> {
    const request = parseNewInvoice(input);
    const fingerprint = fingerprintOf(request);
    const earlier = await withTransientRetry(
      () => this.repository.findByIdempotencyKey(request.idempotencyKey),
      { signal },
    );
    if (earlier) return { invoice: replayOf(earlier, fingerprint), replayed: true };

    const id = invoiceIdFor(request.idempotencyKey);
    const lines = orderLinesOf(request.items);
    const reserved = await this.reserve(id, request, lines, signal);
    const priced = await this.priceOrRelease(id, request, reserved.products, signal);
    const stored = await withTransientRetry(
      () =>
        this.repository.insert({
          ...priced,
          id,
          customerId: request.customerId,
          customerEmail: request.customerEmail,
          idempotencyKey: request.idempotencyKey,
          fingerprint,
        }),
      { signal },
    );
    return stored.created
      ? { invoice: stored.invoice.invoice, replayed: false }
      : { invoice: replayOf(stored.invoice, fingerprint), replayed: true };
  }

  /** Reserves the order's lines; short lines are reported on the items that name them. */
  private async reserve(
    id: string,
    request: NewInvoiceRequest,
    lines: readonly OrderLine[],
    signal?: AbortSignal,
  ): Promise<ReservedOrder> {
    let reserved: ReservedOrder;
    try {
      reserved = await this.catalog.reserve(id, lines, signal);
    } catch (error: unknown) {
      if (!(error instanceof InsufficientStockError)) throw error;
      throw new InsufficientStockError(
        error.violations.map((v) => {
          const line = lines[Number(/^lines\[(\d+)\]/.exec(v.field)?.[1] ?? -1)];
          const item = request.items.findIndex((i) => i.productId === line?.productId);
          return {
            field: item < 0 ? 'items' : `items[${item}].quantity`,
            description: v.description,
          };
        }),
      );
    }
    // The id was already reserved for other lines: the key was reused for a different order.
    if (reserved.lines.length > 0 && !sameLines(reserved.lines, lines)) {
      throw new InvalidRequestError([
        { field: 'idempotency_key', description: 'was already used for a different order' },
      ]);
    }
    return reserved;
  }

  /** Prices the order; when it cannot be (mixed currencies, say), its reservation is given back first. */
  private async priceOrRelease(
    id: string,
    request: NewInvoiceRequest,
    products: ReservedOrder['products'],
    signal?: AbortSignal,
  ): Promise<PricedInvoice> {
    try {
      return priceInvoice(request.items, products);
    } catch (error: unknown) {
      if (error instanceof InvalidRequestError && [...products.values()].every(Boolean)) {
        await this.catalog.release(id, `order refused: ${error.message}`.slice(0, 500), signal);
      }
      throw error;
    }
  }

  async get(id: string, signal?: AbortSignal): Promise<Invoice> {
    const invoice = await withTransientRetry(() => this.repository.findById(id), { signal });
    if (invoice === undefined) throw new InvoiceNotFoundError(id);
    return invoice;
  }

  list(query: InvoiceListQuery, signal?: AbortSignal): Promise<InvoicePage> {
    return withTransientRetry(() => this.repository.list(query), { signal });
  }

  /** pending → paid; idempotent for the same payment id. */
  markPaid(id: string, paymentId: string, signal?: AbortSignal): Promise<Invoice> {
    return withTransientRetry(
      () =>
        this.repository.transition(
          id,
          (current) => decidePaid(current, paymentId),
          { status: 'paid', payment_id: paymentId },
          { status: 'pending' },
        ),
      { signal },
    );
  }

  /**
   * pending → failed; failing a failed invoice again keeps the first reason. `paymentId` (the payment that
   * failed; undefined when unknown) leaves an invoice reopened for another payment pending (IllegalTransition).
   */
  markFailed(
    id: string,
    reason: string,
    signal?: AbortSignal,
    paymentId?: string,
  ): Promise<Invoice> {
    return withTransientRetry(
      () =>
        this.repository.transition(
          id,
          (current) => decideFailed(current, paymentId),
          { status: 'failed', failure_reason: reason },
          { status: 'pending', currentPaymentIdIn: paymentId },
        ),
      { signal },
    );
  }

  /** failed → pending for the re-charge `paymentId`, now the invoice's current payment; idempotent for it. */
  reopen(id: string, paymentId: string, signal?: AbortSignal): Promise<Invoice> {
    return withTransientRetry(
      () =>
        this.repository.transition(
          id,
          (current) => decideReopened(current, paymentId),
          { status: 'pending', failure_reason: null, current_payment_id: paymentId },
          { status: 'failed' },
        ),
      { signal },
    );
  }
}

function replayOf(
  earlier: { invoice: Invoice; fingerprint: string },
  fingerprint: string,
): Invoice {
  if (earlier.fingerprint !== fingerprint) {
    throw new InvalidRequestError([
      { field: 'idempotency_key', description: 'was already used for a different request' },
    ]);
  }
  return earlier.invoice;
}

/** Hash of what the caller asked for, so a reused key with other content is detected. */
function fingerprintOf(request: NewInvoiceRequest): string {
  const content = JSON.stringify([
    request.customerId,
    request.customerEmail,
    request.items.map((item) => [item.productId, item.quantity]),
  ]);
  return createHash('sha256').update(content).digest('hex');
}
