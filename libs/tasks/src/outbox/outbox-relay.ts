import type { Knex } from '@gaara/db';
import {
  describeError,
  publishInStoredTrace,
  silentLogger,
  sleep,
  within,
  type MessagingLogger,
  type OutgoingMessage,
  type Publisher,
} from '@gaara/messaging';
import { onOutboxCommitted } from './outbox-commits';
import { DEFAULT_OUTBOX_TABLE } from './outbox-migration';

/** Options of {@link startOutboxRelay}. */
export interface OutboxRelayOptions {
  readonly db: Knex;
  readonly publisher: Publisher;
  /** Defaults to 'outbox'. */
  readonly table?: string;
  /**
   * Pause between polls when the outbox is empty, in milliseconds; defaults to 1000. Rows enqueued by this process
   * (enqueueOutbox) wake the relay when their transaction commits, so the poll only bounds the wait of rows
   * written elsewhere (another process on the same table, a crashed one's leftovers).
   */
  readonly pollIntervalMs?: number;
  /** Rows per transaction; defaults to 100. */
  readonly batchSize?: number;
  readonly logger?: MessagingLogger;
  /** Called each time a pass left the outbox drained and the relay starts its poll pause (tests wait on it). */
  readonly onIdle?: () => void;
}

/** The running relay. */
export interface OutboxRelay {
  /** Relays now instead of at the next poll (call after committing rows). */
  kick(): void;
  /** Stops polling; returns within about 5 s even if a publish hangs (its rows stay and are relayed later). */
  stop(): Promise<void>;
}

interface OutboxRow {
  readonly id: string | number;
  readonly topic: string;
  readonly key: string | null;
  readonly value: string;
  readonly headers: Record<string, string> | string | null;
}

/** Was 200 ms, when every committed row waited for the next poll (issue #10). */
const DEFAULT_POLL_INTERVAL_MS = 1000;
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5000;
const STOP_TIMEOUT_MS = 5000;

/**
 * Publishes outbox rows in id order and deletes them in the same transaction (FOR UPDATE SKIP LOCKED, so several
 * relays never publish one row concurrently). A crash between publish and commit publishes the rows again:
 * at-least-once. A publish failure rolls back and retries after a backoff of 200 ms doubling to 5 s. A commit of
 * rows through enqueueOutbox in this process wakes it at once (not during a backoff); otherwise it polls.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const table = options.table ?? DEFAULT_OUTBOX_TABLE;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const batchSize = options.batchSize ?? 100;
  const logger = options.logger ?? silentLogger;
  let stopped = false;
  let wake = new AbortController();

  const relayBatch = (): Promise<number> =>
    options.db.transaction(async (trx) => {
      const rows: OutboxRow[] = await trx(table)
        .select('id', 'topic', 'key', 'value', 'headers')
        .orderBy('id')
        .limit(batchSize)
        .forUpdate()
        .skipLocked();
      if (rows.length === 0) return 0;
      for (const run of runsOfSameTopicAndTrace(rows)) {
        await publishRun(options.publisher, run);
      }
      await trx(table)
        .whereIn(
          'id',
          rows.map((row) => row.id),
        )
        .delete();
      return rows.length;
    });

  const loop = async (): Promise<void> => {
    let backoffMs = FIRST_BACKOFF_MS;
    while (!stopped) {
      let relayed = 0;
      try {
        relayed = await relayBatch();
        backoffMs = FIRST_BACKOFF_MS;
      } catch (error: unknown) {
        logger.warn(
          { err: describeError(error), table, retryInMs: backoffMs },
          'outbox relay failed; rolled back, retrying',
        );
        await sleep(backoffMs, wakeSignalOnStopOnly());
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
        continue;
      }
      // A full batch suggests more rows are waiting.
      if (relayed < batchSize) {
        options.onIdle?.();
        await sleep(pollIntervalMs, wake.signal);
      }
      if (wake.signal.aborted) wake = new AbortController();
    }
  };

  // Backoff sleeps ignore kick() (a kick must not defeat the backoff) but end on stop().
  const stopController = new AbortController();
  const wakeSignalOnStopOnly = (): AbortSignal => stopController.signal;

  const running = loop();
  const unsubscribe = onOutboxCommitted(table, () => wake.abort());
  return {
    kick: () => wake.abort(),
    stop: async () => {
      stopped = true;
      unsubscribe();
      stopController.abort();
      wake.abort();
      const finished = await within(
        running.then(() => true),
        STOP_TIMEOUT_MS,
      );
      if (finished === undefined) {
        logger.warn(
          { table },
          'outbox relay still publishing at stop; its rows will be relayed later',
        );
      }
    },
  };
}

interface PublishRun {
  readonly topic: string;
  readonly traceHeaders: Record<string, string>;
  readonly messages: { key: string | null; value: string; headers: Record<string, string> }[];
}

/** Splits rows (in id order) into consecutive runs sharing topic and stored trace context, keeping the order. */
function runsOfSameTopicAndTrace(rows: readonly OutboxRow[]): PublishRun[] {
  const runs: PublishRun[] = [];
  for (const row of rows) {
    const headers = parseHeaders(row.headers);
    const traceHeaders: Record<string, string> = {};
    if (headers['traceparent'] !== undefined) traceHeaders['traceparent'] = headers['traceparent'];
    if (headers['tracestate'] !== undefined) traceHeaders['tracestate'] = headers['tracestate'];
    const last = runs.at(-1);
    const message = { key: row.key, value: row.value, headers };
    if (
      last !== undefined &&
      last.topic === row.topic &&
      last.traceHeaders['traceparent'] === traceHeaders['traceparent']
    ) {
      last.messages.push(message);
    } else {
      runs.push({ topic: row.topic, traceHeaders, messages: [message] });
    }
  }
  return runs;
}

async function publishRun(publisher: Publisher, run: PublishRun): Promise<void> {
  const messages: OutgoingMessage[] = run.messages.map((message) => ({
    ...(message.key === null ? {} : { key: message.key }),
    value: message.value,
    headers: message.headers,
  }));
  // The relay span's context replaces the stored one: the consumer becomes a grandchild of the writer.
  await publishInStoredTrace(
    publisher,
    `outbox relay ${run.topic}`,
    run.topic,
    run.traceHeaders,
    messages,
  );
}

function parseHeaders(stored: OutboxRow['headers']): Record<string, string> {
  if (stored === null) return {};
  const parsed: unknown = typeof stored === 'string' ? JSON.parse(stored) : stored;
  const headers: Record<string, string> = {};
  if (typeof parsed === 'object' && parsed !== null) {
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === 'string') headers[name] = value;
    }
  }
  return headers;
}
