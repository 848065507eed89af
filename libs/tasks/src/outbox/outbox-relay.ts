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
import {
  claimOutboxRows,
  deleteOutboxRows,
  quarantineOutboxRow,
  releaseOutboxClaim,
} from './outbox-claims';
import { onOutboxCommitted } from './outbox-commits';
import { OutboxError } from './outbox-error';
import { isRowSpecificPublishError } from './outbox-failure';
import { DEFAULT_OUTBOX_TABLE } from './outbox-migration';
import { validateOutboxRow, type ValidOutboxRow } from './outbox-row';

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
  /** Rows claimed per pass; defaults to 100. */
  readonly batchSize?: number;
  /**
   * How long a claimed batch belongs to this relay, in milliseconds; defaults to 60000. Its publishing is cut
   * off (and retried) when the lease ends, so no other relay publishes the rows meanwhile; a crashed relay's
   * rows wait this long before another relay takes them.
   */
  readonly claimLeaseMs?: number;
  readonly logger?: MessagingLogger;
  /** Called each time a pass left the outbox drained and the relay starts its poll pause (tests wait on it). */
  readonly onIdle?: () => void;
}

/** The running relay. */
export interface OutboxRelay {
  /** Relays now instead of at the next poll (call after committing rows). */
  kick(): void;
  /**
   * Stops polling; returns within about 5 s even if a publish hangs (its rows stay and are relayed once their
   * claim lease ends).
   */
  stop(): Promise<void>;
}

/** Was 200 ms, when every committed row waited for the next poll (issue #10). */
const DEFAULT_POLL_INTERVAL_MS = 1000;
const DEFAULT_CLAIM_LEASE_MS = 60_000;
const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 5000;
const STOP_TIMEOUT_MS = 5000;

/**
 * Publishes outbox rows in id order (per relay, so messages of one key keep their order) without holding a
 * transaction, a row lock or a pooled connection across a publish: a pass leases a batch in one short statement
 * (`claimed_until`, FOR UPDATE SKIP LOCKED: several relays never claim one row at once; a lease that ran out,
 * e.g. a crashed relay's, lets another relay take the rows), publishes it, then deletes the published rows in a
 * second statement. A crash between publish and delete publishes the rows again: at-least-once, consumers
 * dedupe. A transient publish failure (broker down, timeout, the lease running out) gives the unpublished rows
 * back and retries after a backoff of 200 ms doubling to 5 s. A row that can never be published (headers not an
 * object of strings, an illegal topic name, a message Kafka rejects as such: see isRowSpecificPublishError) is
 * quarantined instead (`failed_at`, `failure`, logged at error level, listed by listQuarantinedOutboxRows) and
 * the rows behind it go on. A commit of rows through enqueueOutbox in this process wakes it at once (not during
 * a backoff); otherwise it polls. Needs outboxQuarantineMigration.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { db, publisher } = options;
  const table = options.table ?? DEFAULT_OUTBOX_TABLE;
  const pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.claimLeaseMs ?? DEFAULT_CLAIM_LEASE_MS;
  const logger = options.logger ?? silentLogger;
  let stopped = false;
  let wake = new AbortController();

  const quarantine = async (
    row: { readonly id: string | number; readonly topic: unknown },
    reason: string,
  ): Promise<void> => {
    logger.error(
      { table, rowId: String(row.id), topic: String(row.topic), reason },
      'outbox row can never be published; quarantined, the rows behind it go on',
    );
    await quarantineOutboxRow(db, table, row.id, reason);
  };

  /** Publishes a run; if Kafka condemns its messages, publishes them one by one to quarantine only the bad. */
  const publishOrQuarantine = async (
    run: PublishRun,
    deadline: number,
    published: Set<string | number>,
  ): Promise<void> => {
    try {
      await publishBeforeDeadline(publisher, run, deadline);
      for (const row of run.rows) published.add(row.id);
      return;
    } catch (error: unknown) {
      if (!isRowSpecificPublishError(error)) throw error;
      const [only] = run.rows;
      if (run.rows.length === 1 && only !== undefined) {
        await quarantine(only, describeFailure(error));
        return;
      }
    }
    for (const row of run.rows) {
      try {
        await publishBeforeDeadline(publisher, { ...run, rows: [row] }, deadline);
        published.add(row.id);
      } catch (error: unknown) {
        if (!isRowSpecificPublishError(error)) throw error;
        await quarantine(row, describeFailure(error));
      }
    }
  };

  const relayBatch = async (): Promise<number> => {
    const claim = await claimOutboxRows(db, table, batchSize, leaseMs);
    if (claim === undefined) return 0;
    // Measured from after the claim returned, so it ends no later than the lease PostgreSQL recorded.
    const deadline = Date.now() + leaseMs;
    const published = new Set<string | number>();
    try {
      const valid: ValidOutboxRow[] = [];
      for (const row of claim.rows) {
        const checked = validateOutboxRow(row);
        if ('invalid' in checked) await quarantine(row, checked.invalid);
        else valid.push(checked);
      }
      for (const run of runsOfSameTopicAndTrace(valid)) {
        await publishOrQuarantine(run, deadline, published);
      }
    } catch (error: unknown) {
      // Quarantined rows no longer carry this claim's lease, so releasing them changes nothing.
      const unpublished = claim.rows.map((row) => row.id).filter((id) => !published.has(id));
      // If this fails too, the lease runs out and the rows are retried then.
      await releaseOutboxClaim(db, table, unpublished, claim.claimedUntil).catch(() => undefined);
      throw error;
    } finally {
      // If the delete fails, the published rows are published again after their lease: at-least-once.
      await deleteOutboxRows(db, table, [...published]);
    }
    return claim.rows.length;
  };

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
          'outbox relay failed; unpublished rows kept, retrying',
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
          'outbox relay still publishing at stop; its rows will be relayed once their lease ends',
        );
      }
    },
  };
}

interface PublishRun {
  readonly topic: string;
  readonly traceHeaders: Record<string, string>;
  readonly rows: readonly ValidOutboxRow[];
}

/** Splits rows (in id order) into consecutive runs sharing topic and stored trace context, keeping the order. */
function runsOfSameTopicAndTrace(rows: readonly ValidOutboxRow[]): PublishRun[] {
  const runs: { topic: string; traceHeaders: Record<string, string>; rows: ValidOutboxRow[] }[] =
    [];
  for (const row of rows) {
    const traceHeaders: Record<string, string> = {};
    if (row.headers['traceparent'] !== undefined)
      traceHeaders['traceparent'] = row.headers['traceparent'];
    if (row.headers['tracestate'] !== undefined)
      traceHeaders['tracestate'] = row.headers['tracestate'];
    const last = runs.at(-1);
    if (
      last !== undefined &&
      last.topic === row.topic &&
      last.traceHeaders['traceparent'] === traceHeaders['traceparent']
    ) {
      last.rows.push(row);
    } else {
      runs.push({ topic: row.topic, traceHeaders, rows: [row] });
    }
  }
  return runs;
}

/** Publishes the run, failing with OUTBOX_CLAIM_EXPIRED if the lease ends first (the publish may still land). */
async function publishBeforeDeadline(
  publisher: Publisher,
  run: PublishRun,
  deadline: number,
): Promise<void> {
  const messages: OutgoingMessage[] = run.rows.map((row) => ({
    ...(row.key === null ? {} : { key: row.key }),
    value: row.value,
    headers: row.headers,
  }));
  // The relay span's context replaces the stored one: the consumer becomes a grandchild of the writer.
  const publishing = publishInStoredTrace(
    publisher,
    `outbox relay ${run.topic}`,
    run.topic,
    run.traceHeaders,
    messages,
  ).then(() => true);
  const done = await within(publishing, deadline - Date.now());
  if (done === undefined) {
    throw new OutboxError(
      'OUTBOX_CLAIM_EXPIRED',
      `publishing to ${run.topic} outlasted the claim lease; the rows are retried`,
    );
  }
}

/** The quarantine reason of a publish failure: class, code and message, one line. */
function describeFailure(error: unknown): string {
  const { errorClass, message } = describeError(error);
  let cause: unknown = (error as { cause?: unknown } | null)?.cause;
  const types: string[] = [];
  for (let depth = 0; depth < 5 && typeof cause === 'object' && cause !== null; depth++) {
    const type = (cause as { type?: unknown }).type;
    if (typeof type === 'string') types.push(type);
    cause = (cause as { cause?: unknown }).cause;
  }
  return `${errorClass}${types.length > 0 ? ` (${types.join(', ')})` : ''}: ${message}`;
}
