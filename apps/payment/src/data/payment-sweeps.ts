import type { Knex } from '@gaara/db';
import type { MessageToPublish } from '@gaara/messaging';
import { leaseFromNow } from '@gaara/tasks';
import { paymentLedger } from './payment-ledger';

/** A payment the sweeper re-queued: its id and the attempt count the new chain starts from. */
export interface ExpiredPayment {
  readonly id: string;
  readonly attempts: number;
}

/** Options of {@link requeueExpired}. */
export interface RequeueOptions {
  /** Most rows per sweep. */
  readonly limit: number;
  /** New deadline from now, in ms: the first tier's delay plus the lease. */
  readonly leaseMs: number;
  /** The first-tier ChargeTask of a re-queued payment. */
  readonly messageFor: (payment: ExpiredPayment) => MessageToPublish;
}

/**
 * Re-queues payments past their lease (`pending` never attempted, `processing` whose process died, `queued`
 * whose next message was lost) in ONE transaction: status `queued`, a new chain starting at the current
 * attempt count (older chains' messages become stale), and a first-tier ChargeTask through the outbox.
 * Rows locked by a concurrent claim are skipped and looked at on the next sweep.
 * @returns the re-queued payments
 */
export async function requeueExpired(
  db: Knex,
  options: RequeueOptions,
): Promise<readonly ExpiredPayment[]> {
  const expired = await paymentLedger<ExpiredPayment>(db).requeueExpired({
    statuses: ['pending', 'processing', 'queued'],
    limit: options.limit,
    changes: (trx) => ({
      status: 'queued',
      retry_base: trx.raw('attempts'),
      retry_tier: 0,
      last_error: trx.raw(`coalesce(last_error, 'lease expired')`),
      lease_until: leaseFromNow(trx, options.leaseMs),
    }),
    messageFor: (row) => options.messageFor({ id: row.id, attempts: row.attempts }),
  });
  return expired.map((row) => ({ id: row.id, attempts: row.attempts }));
}
