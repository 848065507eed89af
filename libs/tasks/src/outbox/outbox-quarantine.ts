import type { Knex } from '@gaara/db';
import { DEFAULT_OUTBOX_TABLE } from './outbox-migration';

/** An outbox row the relay set aside because it can never be published (see isRowSpecificPublishError). */
export interface QuarantinedOutboxRow {
  readonly id: string;
  readonly topic: string;
  readonly key: string | null;
  readonly value: string;
  readonly headers: unknown;
  readonly createdAt: Date;
  readonly failedAt: Date;
  readonly failure: string;
}

interface QuarantinedRecord {
  readonly id: string | number;
  readonly topic: string;
  readonly key: string | null;
  readonly value: string;
  readonly headers: unknown;
  readonly created_at: Date;
  readonly failed_at: Date;
  readonly failure: string | null;
}

/**
 * Quarantined rows of the outbox `table` (default 'outbox'), oldest first, at most `limit` (default 100), for an
 * operator to fix or delete. A fixed row is relayed again once its `failed_at` is set back to NULL.
 */
export async function listQuarantinedOutboxRows(
  db: Knex,
  options: { readonly table?: string; readonly limit?: number } = {},
): Promise<QuarantinedOutboxRow[]> {
  const records: QuarantinedRecord[] = await db(options.table ?? DEFAULT_OUTBOX_TABLE)
    .select('id', 'topic', 'key', 'value', 'headers', 'created_at', 'failed_at', 'failure')
    .whereNotNull('failed_at')
    .orderBy('id')
    .limit(options.limit ?? 100);
  return records.map((record) => ({
    id: String(record.id),
    topic: record.topic,
    key: record.key,
    value: record.value,
    headers: record.headers,
    createdAt: record.created_at,
    failedAt: record.failed_at,
    failure: record.failure ?? '',
  }));
}

/** How many rows of the outbox `table` (default 'outbox') are quarantined (a gauge for alerts). */
export async function countQuarantinedOutboxRows(
  db: Knex,
  options: { readonly table?: string } = {},
): Promise<number> {
  const [row] = await db(options.table ?? DEFAULT_OUTBOX_TABLE)
    .whereNotNull('failed_at')
    .count<{ count: string }[]>({ count: '*' });
  return Number(row?.count ?? 0);
}
