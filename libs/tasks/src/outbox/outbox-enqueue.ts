import { context, propagation } from '@opentelemetry/api';
import type { Knex } from '@gaara/db';
import { DEFAULT_OUTBOX_TABLE } from './outbox-migration';

/** A message to publish once the caller's transaction commits. */
export interface OutboxMessage {
  readonly topic: string;
  readonly key?: string;
  readonly value: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Inserts the messages in the caller's transaction, so they are published if and only if it commits. Stores the
 * active trace context (W3C traceparent/tracestate) with the headers so the relay continues the trace.
 */
export async function enqueueOutbox(
  trx: Knex.Transaction,
  messages: readonly OutboxMessage[],
  options: { table?: string } = {},
): Promise<void> {
  if (messages.length === 0) return;
  const traceHeaders: Record<string, string> = {};
  propagation.inject(context.active(), traceHeaders);
  await trx(options.table ?? DEFAULT_OUTBOX_TABLE).insert(
    messages.map((message) => ({
      topic: message.topic,
      key: message.key ?? null,
      value: message.value,
      headers: JSON.stringify({ ...(message.headers ?? {}), ...traceHeaders }),
    })),
  );
}
