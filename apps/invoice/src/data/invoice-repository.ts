import { z } from 'zod';
import { decodeFilteredPageToken, encodePageToken, type Knex } from '@gaara/db';
import type { Invoice, InvoicePage, InvoiceStatus } from '../domain/invoice';
import { InvalidRequestError, InvoiceNotFoundError } from '../domain/invoice-errors';
import type { PricedInvoice } from '../domain/price-invoice';
import { toInvoice, type InvoiceRow, type LineRow } from './invoice-rows';

/** A new invoice to store. */
export interface InvoiceDraft extends PricedInvoice {
  /** The invoice id, also its stock reservation's id. */
  readonly id: string;
  readonly customerId: string;
  readonly customerEmail: string;
  /** Empty: no idempotency. */
  readonly idempotencyKey: string;
  /** Hash of the request, to tell a replay from a different request reusing the key. */
  readonly fingerprint: string;
}

/** A stored invoice found by idempotency key, with the fingerprint of the request that created it. */
export interface KeyedInvoice {
  readonly invoice: Invoice;
  readonly fingerprint: string;
}

/** A validated ListInvoices query. */
export interface InvoiceListQuery {
  readonly pageSize: number;
  readonly pageToken: string;
  readonly status: InvoiceStatus | undefined;
  readonly customerId: string | undefined;
}

/**
 * The state a transition starts from, as one statement can check it: `status`, and with `currentPaymentIdIn`
 * a current payment that is unset or that one. Must say 'changed' exactly where the transition's decide does.
 */
export interface TransitionGuard {
  readonly status: InvoiceStatus;
  readonly currentPaymentIdIn?: string;
}

const cursorSchema = z.object({
  v: z.literal(1),
  seq: z.string().regex(/^[0-9]+$/),
  status: z.enum(['pending', 'paid', 'failed']).nullable(),
  customerId: z.string().nullable(),
});

/** Reads and writes invoices; each method is one statement or one transaction, so callers may retry it. */
export class InvoiceRepository {
  constructor(private readonly db: Knex) {}

  /**
   * Stores a pending invoice with its lines in one transaction. When another request already stored one
   * under the same idempotency key, stores nothing and returns that one with `created: false`.
   */
  async insert(draft: InvoiceDraft): Promise<{ created: boolean; invoice: KeyedInvoice }> {
    const invoiceRow = this.db<InvoiceRow>('invoices')
      .insert({
        id: draft.id,
        customer_id: draft.customerId,
        customer_email: draft.customerEmail,
        currency: draft.currency,
        subtotal_minor: draft.subtotalMinor.toString(),
        total_minor: draft.totalMinor.toString(),
        status: 'pending',
        idempotency_key: draft.idempotencyKey === '' ? null : draft.idempotencyKey,
        request_fingerprint: draft.fingerprint,
      })
      // Any conflict: a repeat of the order has the same key and the same (derived) id.
      .onConflict()
      .ignore()
      .returning('*');
    const lines: LineRow[] = draft.lines.map((line, index) => ({
      invoice_id: draft.id,
      line_no: index + 1,
      product_id: line.productId,
      quantity: line.quantity,
      unit_price_minor: line.unitPriceMinor.toString(),
      line_total_minor: line.lineTotalMinor.toString(),
    }));
    // One statement, atomic on its own (issue #10: BEGIN, two INSERTs and COMMIT were four round trips); the
    // lines are inserted only when the invoice row was.
    const { rows } = await this.db.raw<{ rows: InvoiceRow[] }>(
      `with inv as (?),
       inserted_lines as (
         insert into invoice_lines
           (invoice_id, line_no, product_id, quantity, unit_price_minor, line_total_minor)
         select inv.id, l.line_no, l.product_id, l.quantity, l.unit_price_minor, l.line_total_minor
         from inv cross join jsonb_to_recordset(?::jsonb)
           as l(line_no int, product_id text, quantity int, unit_price_minor bigint, line_total_minor bigint)
       )
       select * from inv`,
      [invoiceRow, JSON.stringify(lines)],
    );
    const [row] = rows;
    if (row === undefined) {
      const existing = await findByKey(this.db, draft.idempotencyKey);
      if (existing === undefined) throw new Error('idempotency conflict without a stored invoice');
      return { created: false, invoice: existing };
    }
    return {
      created: true,
      invoice: { invoice: toInvoice(row, lines), fingerprint: row.request_fingerprint },
    };
  }

  /** The invoice stored under an idempotency key, if any. */
  findByIdempotencyKey(key: string): Promise<KeyedInvoice | undefined> {
    return findByKey(this.db, key);
  }

  /** The invoice with `id` (a validated UUID), or undefined. */
  async findById(id: string): Promise<Invoice | undefined> {
    const row = await this.db<InvoiceRow>('invoices').where({ id }).first();
    return row === undefined ? undefined : withLines(this.db, row);
  }

  /** One page, newest first; throws InvalidRequestError for a token not issued for this query. */
  async list(query: InvoiceListQuery): Promise<InvoicePage> {
    const status = query.status ?? null;
    const customerId = query.customerId ?? null;
    const cursor =
      query.pageToken === '' ? undefined : readCursor(query.pageToken, status, customerId);
    const rows: InvoiceRow[] = await this.db<InvoiceRow>('invoices')
      .modify((builder) => {
        if (status !== null) void builder.where({ status });
        if (customerId !== null) void builder.where({ customer_id: customerId });
        if (cursor) void builder.where('seq', '<', cursor.seq);
      })
      .orderBy('seq', 'desc')
      .limit(query.pageSize + 1);
    const page = rows.slice(0, query.pageSize);
    const lines = await linesOf(
      this.db,
      page.map((row) => row.id),
    );
    const last = page.at(-1);
    return {
      invoices: page.map((row) => toInvoice(row, lines.get(row.id) ?? [])),
      nextPageToken:
        rows.length > query.pageSize && last
          ? encodePageToken({ v: 1, seq: last.seq, status, customerId })
          : '',
    };
  }

  /**
   * Applies `changes` at once when the invoice is in the `guard`'s state (the common case: one UPDATE, then its
   * lines); otherwise locks the invoice, lets `decide` check the move (it throws when illegal, or says nothing
   * changes), and applies `changes` when it says so. Throws InvoiceNotFoundError for an unknown id.
   */
  async transition(
    id: string,
    decide: (current: Invoice) => 'changed' | 'unchanged',
    changes: Partial<
      Pick<InvoiceRow, 'status' | 'payment_id' | 'failure_reason' | 'current_payment_id'>
    >,
    guard: TransitionGuard,
  ): Promise<Invoice> {
    const [moved] = await this.db<InvoiceRow>('invoices')
      .where({ id, status: guard.status })
      .modify((builder) => {
        const paymentId = guard.currentPaymentIdIn;
        if (paymentId === undefined) return;
        void builder.where((q) => {
          void q.whereNull('current_payment_id').orWhere({ current_payment_id: paymentId });
        });
      })
      .update({ ...changes, updated_at: this.db.fn.now() })
      .returning('*');
    // Lines never change after the insert: reading them after the update is reading them with it.
    if (moved !== undefined) return toInvoice(moved, (await linesOf(this.db, [id])).get(id) ?? []);
    return this.db.transaction(async (trx) => {
      const row = await trx<InvoiceRow>('invoices').where({ id }).forUpdate().first();
      if (row === undefined) throw new InvoiceNotFoundError(id);
      // Lines never change after the insert: read once (issue #10: one statement less per payment event).
      const lines = (await linesOf(trx, [id])).get(id) ?? [];
      const current = toInvoice(row, lines);
      if (decide(current) === 'unchanged') return current;
      const [updated] = await trx<InvoiceRow>('invoices')
        .where({ id })
        .update({ ...changes, updated_at: trx.fn.now() })
        .returning('*');
      if (updated === undefined) throw new InvoiceNotFoundError(id);
      return toInvoice(updated, lines);
    });
  }
}

async function findByKey(db: Knex, key: string): Promise<KeyedInvoice | undefined> {
  if (key === '') return undefined;
  const row = await db<InvoiceRow>('invoices').where({ idempotency_key: key }).first();
  return row === undefined
    ? undefined
    : { invoice: await withLines(db, row), fingerprint: row.request_fingerprint };
}

async function withLines(db: Knex, row: InvoiceRow): Promise<Invoice> {
  const lines = await linesOf(db, [row.id]);
  return toInvoice(row, lines.get(row.id) ?? []);
}

async function linesOf(db: Knex, invoiceIds: readonly string[]): Promise<Map<string, LineRow[]>> {
  const byInvoice = new Map<string, LineRow[]>();
  if (invoiceIds.length === 0) return byInvoice;
  const rows = await db<LineRow>('invoice_lines').whereIn('invoice_id', invoiceIds);
  for (const row of rows) {
    const list = byInvoice.get(row.invoice_id) ?? [];
    list.push(row);
    byInvoice.set(row.invoice_id, list);
  }
  return byInvoice;
}

function readCursor(
  token: string,
  status: InvoiceStatus | null,
  customerId: string | null,
): z.infer<typeof cursorSchema> {
  return decodeFilteredPageToken(token, cursorSchema, {
    sameFilters: (cursor) => cursor.status === status && cursor.customerId === customerId,
    otherFilters: 'was issued for different filters',
    refuse: (violation) => new InvalidRequestError([violation]),
  });
}
