import { withTransientRetry, type Knex } from '@gaara/db';
import { messageHeaders, type WorkItem, type WorkOutcome } from '@gaara/messaging';
import { claimTaskAttempt, holdForDeferral, type TaskIdentity } from '../data/payment-claims';
import type { PaymentRow } from '../data/payment-rows';
import {
  breakerDeferral,
  MIN_DEFERRAL_MS,
  spreadDeferral,
  type BreakerView,
} from './breaker-deferral';
import type { ChargeAttempts } from './charge-attempts';
import { chargeTasks, type ChargeTask } from './payment-messages';
import type { PaymentMetrics } from './payment-metrics';

/** Collaborators of {@link chargeTaskHandler}. */
export interface ChargeTaskHandlerDeps {
  readonly db: Knex;
  readonly attempts: ChargeAttempts;
  /** Lease of a claimed payment, in ms. */
  readonly leaseMs: number;
  readonly metrics: PaymentMetrics;
  /** The `payment` breaker: an open one defers the task without claiming it. */
  readonly breaker: BreakerView;
}

/**
 * The retry consumers' handler of ChargeTask: parse (unparseable → dead); while the `payment` breaker is open,
 * defer on the same tier without claiming (see breaker-deferral.ts; the attempt and tier are kept); else claim
 * the attempt the task stands for (see data/payment-claims.ts), call the provider once and record the
 * outcome. A task that claims nothing is stale or a duplicate: `done`, without calling the provider.
 */
export function chargeTaskHandler(
  deps: ChargeTaskHandlerDeps,
): (item: WorkItem, signal: AbortSignal) => Promise<WorkOutcome> {
  // One attempt at a time while the breaker is not closed: only one can be its probe, the rest would be refused.
  let probing = false;
  return async (item) => {
    let task: ChargeTask;
    try {
      task = chargeTasks.parse(item.value);
    } catch {
      return { outcome: 'dead', reason: 'poison: unparseable ChargeTask' };
    }
    const identity: TaskIdentity = {
      paymentId: task.paymentId,
      attemptsBefore: task.attemptsBefore,
      tierIndex: item.tierIndex,
      replayed: item.headers[messageHeaders.replayedAt] !== undefined,
    };
    const now = Date.now();
    // Breaker not closed: this attempt may be its probe, and only one goes at a time (the rest would be refused).
    const gated = deps.breaker.breaker.state !== 'closed' && now < item.deferralDeadline;
    const delayMs =
      breakerDeferral(deps.breaker, item, now) ??
      (gated && probing ? spreadDeferral(MIN_DEFERRAL_MS, item.tier.delayMs) : undefined);
    if (delayMs !== undefined) {
      // The lease must outlast the wait plus an attempt, or the sweeper would start a second chain.
      const waiting = await withTransientRetry(() =>
        holdForDeferral(deps.db, identity, delayMs + deps.leaseMs),
      );
      if (waiting) {
        deps.metrics.payment('deferred');
        return { outcome: 'defer', delayMs, reason: 'payment breaker open' };
      }
    }
    const probe = gated && !probing;
    if (probe) probing = true;
    try {
      const claim = await withTransientRetry(() =>
        claimTaskAttempt(deps.db, identity, deps.leaseMs),
      );
      if (claim !== undefined) return await deps.attempts.fromTask(claim, item);
    } finally {
      if (probe) probing = false;
    }
    deps.metrics.payment('stale');
    return staleOutcome(deps.db, identity, item);
  };
}

/**
 * A task that claimed nothing. Normally `done`; but when this very task already ran and queued the payment
 * for the next tier (or dead-lettered it on the last), yet is delivered again, the lib's publish of its
 * follow-up may have failed: answer `retry` again so it is published. A duplicate follow-up is harmless,
 * only one message can claim a tier.
 */
async function staleOutcome(db: Knex, task: TaskIdentity, item: WorkItem): Promise<WorkOutcome> {
  const row = await withTransientRetry(() =>
    db<PaymentRow>('payments')
      .select('status', 'retry_base', 'retry_tier')
      .where({ id: task.paymentId })
      .first(),
  );
  if (row === undefined || row.retry_base !== task.attemptsBefore) return { outcome: 'done' };
  const followUpPending =
    (row.status === 'queued' && row.retry_tier === task.tierIndex + 1) ||
    (row.status === 'dead_lettered' && item.isLastTier && !task.replayed);
  return followUpPending
    ? { outcome: 'retry', error: new Error('follow-up of an earlier delivery re-published') }
    : { outcome: 'done' };
}
