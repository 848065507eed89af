// Reading the sources of truth of a bench run: the payment and invoice schemas (PostgreSQL), the sandbox
// provider's charges and calls and the SMTP sink's mails (SandboxControlClient), and the payment service's Prometheus endpoint.
import type { Knex } from 'knex';
import type { SandboxControlClient } from '@gaara/sandbox';
import type { PaymentRecord } from './payments-tally';
import { parsePrometheus, type PromSample } from './prometheus';

function loopback(url: string): string {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`loopback only: ${url}`);
  return url;
}

/** Every row of the run's `payments` table, by id. */
export async function readPayments(db: Knex, schema: string): Promise<Map<string, PaymentRecord>> {
  const rows = (await db
    .withSchema(schema)
    .table('payments')
    .select(
      'id',
      'invoice_id',
      'status',
      'attempts',
      db.raw('(extract(epoch from updated_at) * 1000)::float8 as updated_ms'),
    )) as {
    id: string;
    invoice_id: string;
    status: string;
    attempts: number | string;
    updated_ms: number | string;
  }[];
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        invoiceId: r.invoice_id,
        status: r.status,
        attempts: Number(r.attempts),
        updatedAt: Number(r.updated_ms),
      },
    ]),
  );
}

/** Status of every invoice of the run, by id. */
export async function readInvoices(db: Knex, schema: string): Promise<Map<string, string>> {
  const rows = (await db.withSchema(schema).table('invoices').select('id', 'status')) as {
    id: string;
    status: string;
  }[];
  return new Map(rows.map((r) => [String(r.id), r.status]));
}

/** Status of every invoice of the run placed with an idempotency key, by that key. */
export async function readInvoicesByKey(db: Knex, schema: string): Promise<Map<string, string>> {
  const rows = (await db
    .withSchema(schema)
    .table('invoices')
    .whereNotNull('idempotency_key')
    .select('idempotency_key', 'status')) as { idempotency_key: string; status: string }[];
  return new Map(rows.map((r) => [r.idempotency_key, r.status]));
}

/** The sandbox payment provider's ledger, through its control API. */
export class ProviderLedger {
  constructor(
    private readonly sandbox: Pick<SandboxControlClient, 'charges' | 'calls' | 'messages'>,
  ) {}

  /** Charges made per idempotency key (= payment id). */
  async chargesByKey(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const c of await this.sandbox.charges()) {
      counts.set(c.idempotencyKey, (counts.get(c.idempotencyKey) ?? 0) + 1);
    }
    return counts;
  }

  /** E-mails the SMTP sink accepted, per `x-gaara-idempotency-key` header. */
  async mailsByKey(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const m of await this.sandbox.messages()) {
      const key = m.headers['x-gaara-idempotency-key'];
      if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /** Requests that reached the provider (faulted ones included), summed over keys. */
  async totalCalls(): Promise<number> {
    return Object.values(await this.sandbox.calls()).reduce((sum, n) => sum + n, 0);
  }
}

/** One scrape of a Prometheus endpoint; an empty list when it does not answer 200. */
export async function scrape(metricsUrl: string): Promise<PromSample[]> {
  try {
    const response = await fetch(loopback(metricsUrl), { signal: AbortSignal.timeout(3000) });
    const text = await response.text();
    return response.ok ? parsePrometheus(text) : [];
  } catch {
    return [];
  }
}
