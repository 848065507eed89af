import { context, propagation } from '@opentelemetry/api';
import type { Knex } from '@gaara/db';
import type { MessageToPublish } from '@gaara/messaging';
import { announceCommitted, announceOnCommit } from './outbox-commits';
import { DEFAULT_OUTBOX_TABLE } from './outbox-migration';

/**
 * Inserts the messages in the caller's transaction, so they are published if and only if it commits. Stores the
 * active trace context (W3C traceparent/tracestate) with the headers so the relay continues the trace. Relays of
 * the table in this process are woken once the transaction commits (onOutboxCommitted).
 */
export async function enqueueOutbox(
  trx: Knex.Transaction,
  messages: readonly MessageToPublish[],
  options: { table?: string } = {},
): Promise<void> {
  if (messages.length === 0) return;
  const table = options.table ?? DEFAULT_OUTBOX_TABLE;
  await trx(table).insert(
    outboxRowsOf(messages).map((row) => ({ ...row, headers: JSON.stringify(row.headers) })),
  );
  announceOnCommit(trx, table);
}

/**
 * Runs `change` (one data-changing statement `... returning *`) and, in the same statement, enqueues `messages`
 * when it returned a row: both happen or neither does, in one round trip instead of a four-statement transaction
 * (issue #10). Returns `change`'s rows. Relays of the table in this process are woken when messages were enqueued.
 */
export async function changeAndEnqueue<Row>(
  db: Knex,
  change: Knex.QueryBuilder,
  messages: readonly MessageToPublish[],
  options: { table?: string } = {},
): Promise<Row[]> {
  if (messages.length === 0) return (await change) as Row[];
  const table = options.table ?? DEFAULT_OUTBOX_TABLE;
  const { rows } = await db.raw<{ rows: Row[] }>(
    `with changed as (?),
     enqueued as (
       insert into ?? (topic, key, value, headers)
       select m.message ->> 'topic', m.message ->> 'key', m.message ->> 'value', m.message -> 'headers'
       from jsonb_array_elements(?::jsonb) with ordinality as m(message, n)
       where exists (select 1 from changed)
       order by m.n
     )
     select * from changed`,
    [change, table, JSON.stringify(outboxRowsOf(messages))],
  );
  if (rows.length > 0) announceCommitted(table);
  return rows;
}

/** The outbox rows of `messages`, their headers carrying the active trace context (W3C traceparent/tracestate). */
function outboxRowsOf(messages: readonly MessageToPublish[]): Array<{
  topic: string;
  key: string | null;
  value: string;
  headers: Record<string, string>;
}> {
  const traceHeaders: Record<string, string> = {};
  propagation.inject(context.active(), traceHeaders);
  return messages.map((message) => ({
    topic: message.topic,
    key: message.key ?? null,
    value: message.value,
    headers: { ...(message.headers ?? {}), ...traceHeaders },
  }));
}
