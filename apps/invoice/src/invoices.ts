import { createHash } from 'node:crypto';
import { withTransientRetry } from '@gaara/db';
import type { ProductCatalog } from './catalog/product-catalog';
import type { InvoiceListQuery, InvoiceRepository } from './data/invoice-repository';
import type { Invoice, InvoicePage } from './domain/invoice';
import { InvalidRequestError, InvoiceNotFoundError } from './domain/invoice-errors';
import { parseNewInvoice, type NewInvoiceRequest } from './domain/invoice-request';
import { decideFailed, decidePaid } from './domain/invoice-transitions';
import { priceInvoice } from './domain/price-invoice';

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
   * Creates a pending invoice priced by the catalog. A known idempotency key returns the first invoice
   * without asking the catalog again; the same key with a different request is INVALID_REQUEST.
   */
  async create(input: NewInvoiceRequest, signal?: AbortSignal): Promise<CreatedInvoice> {
    const request = parseNewInvoice(input);
    const fingerprint = fingerprintOf(request);
    const earlier = await withTransientRetry(
      () => this.repository.findByIdempotencyKey(request.idempotencyKey),
      { signal },
    );
    if (earlier) return { invoice: replayOf(earlier, fingerprint), replayed: true };

    const products = await this.catalog.findProducts(
      request.items.map((item) => item.productId),
      signal,
    );
    const priced = priceInvoice(request.items, products);
    const stored = await withTransientRetry(
      () =>
        this.repository.insert({
          ...priced,
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
        this.repository.transition(id, (current) => decidePaid(current, paymentId), {
          status: 'paid',
          payment_id: paymentId,
        }),
      { signal },
    );
  }

  /** pending → failed; failing a failed invoice again keeps the first reason. */
  markFailed(id: string, reason: string, signal?: AbortSignal): Promise<Invoice> {
    return withTransientRetry(
      () =>
        this.repository.transition(id, decideFailed, { status: 'failed', failure_reason: reason }),
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
