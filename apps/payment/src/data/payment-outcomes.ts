import type { Knex } from '@gaara/db';
import type { MessageToPublish } from '@gaara/messaging';
import { leaseFromNow } from '@gaara/tasks';
import type { Payment } from '../domain/payment';
import type { ClaimedPayment } from './payment-claims';
import { toPayment, type PaymentRow } from './payment-rows';
import { paymentLedger } from './payment-ledger';

/** How an attempt ended, as stored. */
export type AttemptRecord =
  | { readonly status: 'succeeded'; readonly providerChargeId: string }
  | { readonly status: 'failed'; readonly lastError: string }
  | {
      readonly status: 'queued';
      readonly lastError: string;
      /** Chain and tier of the one valid next message (see payment-claims.ts). */
      readonly retryBase: number;
      readonly retryTier: number;
      /** Deadline for the next attempt to start, in ms from now (tier delay + lease). */
      readonly leaseMs: number;
    }
  | { readonly status: 'dead_lettered'; readonly lastError: string };

/**
 * Writes a claimed attempt's outcome and its messages (PaymentEvent, ChargeTask) in ONE transaction through
 * the outbox, fenced on `processing` + the claimed attempt count. Undefined when the fence failed (the
 * sweeper took the payment over): nothing is written and nothing is enqueued.
 */
export async function recordAttempt(
  db: Knex,
  claim: ClaimedPayment,
  record: AttemptRecord,
  messages: readonly MessageToPublish[],
): Promise<Payment | undefined> {
  const row = await paymentLedger<PaymentRow>(db).record(
    { id: claim.payment.id, attempts: claim.attempts },
    (db) => changesOf(db, record),
    messages,
  );
  return row === undefined ? undefined : toPayment(row);
}

function changesOf(db: Knex, record: AttemptRecord): Record<string, unknown> {
  switch (record.status) {
    case 'succeeded':
      // The token is dropped as soon as no further attempt can need it.
      return {
        status: 'succeeded',
        provider_charge_id: record.providerChargeId,
        payment_method_token: null,
        lease_until: null,
      };
    case 'failed':
      return {
        status: 'failed',
        last_error: record.lastError,
        payment_method_token: null,
        lease_until: null,
      };
    case 'queued':
      return {
        status: 'queued',
        last_error: record.lastError,
        retry_base: record.retryBase,
        retry_tier: record.retryTier,
        lease_until: leaseFromNow(db, record.leaseMs),
      };
    case 'dead_lettered':
      // Replay puts the chain's message back on the first tier; the token stays for it.
      return {
        status: 'dead_lettered',
        last_error: record.lastError,
        retry_tier: 0,
        lease_until: null,
      };
  }
}
