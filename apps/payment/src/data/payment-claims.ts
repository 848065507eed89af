/*
 * Exactly-once charging: why no payment is lost and none is charged twice.
 *
 * 1. Every provider call is preceded by a claim (TaskLedger.claim / claimWaiting of @gaara/tasks): ONE
 *    conditional UPDATE that moves the row to `processing`, increments `attempts` and sets a lease, and only
 *    matches while the row waits for exactly that attempt (first attempt: `pending` with 0 attempts; a
 *    retry: `queued` with the ChargeTask's chain and tier; a replay: `dead_lettered` with the chain, tier 0
 *    and the replay header; see waitingAttempt below for the columns). PostgreSQL row locking makes two
 *    concurrent claims of the same attempt impossible, so a duplicate delivery, a redelivery after a
 *    rebalance, or a sweeper-made task racing an old one makes at most ONE provider call; the loser gets no
 *    row and reports `done`. A succeeded or failed row matches no claim, so it is never sent again.
 * 2. Every outcome write (TaskLedger.record) is fenced on `status = 'processing' AND attempts = <claimed>`,
 *    in one transaction with its messages through the outbox: a late attempt whose lease the sweeper already
 *    took over cannot overwrite the newer attempt's state.
 * 3. Every attempt sends the payment id as Idempotency-Key, so the one case the database cannot see — the
 *    provider charged, then the process died before recording it — is answered on the next attempt from the
 *    provider's idempotency store with the same charge, never a second one.
 * 4. Liveness: the row (with the card token) is written before any call, and each state that waits has a
 *    lease (`pending`/`processing`: the lease; `queued`: next tier's delay plus the lease). The sweeper
 *    (TaskLedger.requeueExpired) re-queues rows past their lease in one transaction with a new first-tier
 *    ChargeTask through the outbox, so a crash during the synchronous attempt, a lost next-tier publish or a
 *    crash mid-retry never loses it.
 * 5. Chains never multiply: the sweeper starts a new chain whose `retry_base` is the current attempt count,
 *    strictly above any older chain's base, so every message of older chains is stale from then on; within a
 *    chain only the message on `retry_tier` is valid, and each claim moves `retry_tier` on.
 * 6. Deferral (payment breaker open, see charging/breaker-deferral.ts): the handler does NOT claim; it only
 *    extends the lease of the row waiting for exactly this task (holdForDeferral below:
 *    TaskLedger.holdWaiting with the same WaitingAttempt as the claim; status, attempts, retry_base and
 *    retry_tier untouched) and the messaging lib puts the SAME task back on the SAME tier. The copy is still
 *    the one valid message of the chain and tier, so 1, 2, 3 and 5 hold unchanged and no provider call is
 *    made. Liveness (4): the extension (deferral + lease) keeps the sweeper from starting a competing chain
 *    while the copy waits; a lost copy still expires that lease. A breaker rejection AFTER a claim (it
 *    opened between look and call, or a probe was in flight) is recorded through the normal fenced outcome
 *    write (2) as `queued` on the SAME chain and tier, and the same task is deferred: the copy is again the
 *    one valid message; `attempts` keeps the claim (the fence only goes up; it counts claims, the provider
 *    saw no call). Deferral stops once the item's budget (sum of tier delays since the first failure or
 *    replay) is spent: the task is then claimed and a rejection moves it on a tier like any failed attempt,
 *    so a long outage still ends dead-lettered.
 * 7. One invoice, at most one successful charge, ever — also across payments (a re-charge of a declined invoice
 *    is a NEW payment with a new id derived from the caller's new key, so 1–3 do not cover it on their own):
 *    the unique partial index payments_one_live_per_invoice (migration 0002) admits at most one payment per
 *    invoice whose status is not `failed`, so a new payment is only inserted (PaymentRepository.insert) while
 *    every other payment of the invoice failed for good — never beside one that succeeded or may still call
 *    the provider (pending, processing, queued, dead_lettered: a replay may still charge it). Two concurrent
 *    re-charges with different keys race on that index inside PostgreSQL: one row gets in, the other insert
 *    fails and is refused (INVOICE_CHARGE_REFUSED) before any claim, so it makes no provider call. `failed` is
 *    final (1: no claim matches it), so the admitted payment stays the only one that can reach the provider;
 *    its own attempts are covered by 1–6 as before. The first claim also refuses a row whose invoice has a
 *    succeeded payment (claimFirstAttempt), and payments_one_success_per_invoice makes a second `succeeded`
 *    row impossible at the database level even if all of the above were bypassed. A repeat with the same key
 *    finds its own row by id (ON CONFLICT (id)) and is a replay, never a second payment.
 */
import type { Knex } from '@gaara/db';
import type { WaitingAttempt } from '@gaara/tasks';
import type { ChargeDetails, Payment } from '../domain/payment';
import { toPayment, type PaymentRow } from './payment-rows';
import { paymentLedger } from './payment-ledger';

/** A payment this process now owns for one provider call; outcome writes must quote `attempts`. */
export interface ClaimedPayment {
  readonly payment: Payment;
  /** The attempt count after the claim (this call is attempt number `attempts`): the outcome fence. */
  readonly attempts: number;
  readonly details: ChargeDetails;
  /** Secret/PII copied from the row for the PaymentEvent; never logged. */
  readonly receiptEmail: string | undefined;
  /** The chain of the claimed task (undefined for the first attempt). */
  readonly retryBase: number | undefined;
}

/** Which queued message a ChargeTask delivery is: its chain, its tier and whether it is a DLT replay. */
export interface TaskIdentity {
  readonly paymentId: string;
  /** ChargeTask.attempts_before: identifies the retry chain. */
  readonly attemptsBefore: number;
  /** Index of the tier the message was consumed from. */
  readonly tierIndex: number;
  /** True when the message carries the replay header (put back from the DLT). */
  readonly replayed: boolean;
}

/** Claims the synchronous first attempt of a freshly inserted payment; undefined when someone else took it. */
export async function claimFirstAttempt(
  db: Knex,
  paymentId: string,
  leaseMs: number,
): Promise<ClaimedPayment | undefined> {
  const first = (query: Knex.QueryBuilder) =>
    query
      .where({ id: paymentId, status: 'pending', attempts: 0 })
      // Point 7: never a first provider call while another payment of the invoice succeeded.
      .whereNotExists((other) => {
        void other
          .select(db.raw('1'))
          .from('payments as other')
          .whereRaw('other.invoice_id = payments.invoice_id')
          .whereRaw('other.id <> payments.id')
          .where('other.status', 'succeeded');
      });
  return claimed(await paymentLedger<PaymentRow>(db).claim(first, leaseMs));
}

/**
 * Claims the attempt a ChargeTask stands for: `queued` on the same chain and on the message's tier, or
 * `dead_lettered` on the same chain when the message is a replay on the first tier. Undefined: stale or
 * duplicate task, or the payment is final — nothing to do and no provider call.
 */
export async function claimTaskAttempt(
  db: Knex,
  task: TaskIdentity,
  leaseMs: number,
): Promise<ClaimedPayment | undefined> {
  return claimed(await paymentLedger<PaymentRow>(db).claimWaiting(waitingAttempt(task), leaseMs));
}

/**
 * Keeps the row that waits for exactly `task` waiting while the task is deferred: a `queued` row's lease is
 * extended to at least now + `holdMs` (milliseconds), so the sweeper does not start a competing chain meanwhile;
 * nothing else changes — no claim, no attempt, same chain and tier (point 6 above).
 * @returns whether a row waits for this task (false: the task is stale or a duplicate, nothing to defer)
 */
export function holdForDeferral(db: Knex, task: TaskIdentity, holdMs: number): Promise<boolean> {
  return paymentLedger(db).holdWaiting(waitingAttempt(task), holdMs);
}

/**
 * The attempt a ChargeTask stands for, as the ledger matches it (the claim's and the hold's condition): the
 * same chain `queued` on the message's tier, or `dead_lettered` by the same chain when the message is a replay
 * on the first tier.
 */
function waitingAttempt(task: TaskIdentity): WaitingAttempt {
  return {
    id: task.paymentId,
    queued: { retry_base: task.attemptsBefore, retry_tier: task.tierIndex },
    ...(task.replayed && task.tierIndex === 0 ? { replayOf: task.attemptsBefore } : {}),
  };
}

/** The claimed row as a ClaimedPayment (undefined: nothing was claimed). */
function claimed(row: PaymentRow | undefined): ClaimedPayment | undefined {
  if (row === undefined) return undefined;
  if (row.payment_method_token === null) {
    // Claimable rows always keep the token; a NULL here is a bug, not a charge to attempt.
    throw new Error(`payment ${row.id} was claimed without a payment method token`);
  }
  return {
    payment: toPayment(row),
    attempts: row.attempts,
    receiptEmail: row.receipt_email ?? undefined,
    retryBase: row.retry_base ?? undefined,
    details: {
      paymentId: row.id,
      invoiceId: row.invoice_id,
      amountMinor: BigInt(row.amount_minor),
      currency: row.currency,
      paymentMethodToken: row.payment_method_token,
      receiptEmail: row.receipt_email ?? undefined,
    },
  };
}
