import { context, propagation } from '@opentelemetry/api';
import type { Knex } from '@gaara/db';
import type { MessageToPublish } from '@gaara/messaging';
import { announceOnCommit } from './outbox-commits';
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
  const traceHeaders: Record<string, string> = {};
  propagation.inject(context.active(), traceHeaders);
  const table = options.table ?? DEFAULT_OUTBOX_TABLE;
  await trx(table).insert(
    messages.map((message) => ({
      topic: message.topic,
      key: message.key ?? null,
      value: message.value,
      headers: JSON.stringify({ ...(message.headers ?? {}), ...traceHeaders }),
    })),
  );
  announceOnCommit(trx, table);
}
