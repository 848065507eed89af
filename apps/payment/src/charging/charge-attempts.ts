import { withTransientRetry, type Knex } from '@gaara/db';
import type { RetryTopology, WorkItem, WorkOutcome } from '@gaara/messaging';
import type { Policy } from '@gaara/resilience';
import type { ClaimedPayment } from '../data/payment-claims';
import { recordAttempt, type AttemptRecord } from '../data/payment-outcomes';
import type { Payment } from '../domain/payment';
import type { PaymentProvider } from '../provider/payment-provider';
import { breakerDeferral, MIN_DEFERRAL_MS, spreadDeferral } from './breaker-deferral';
import { chargeTaskMessage, paymentEventMessage, type EventStatus } from './payment-messages';
import type { PaymentMetrics } from './payment-metrics';
import { callProvider, type ProviderCallResult } from './provider-call';

/** Collaborators of {@link ChargeAttempts}. */
export interface ChargeAttemptsDeps {
  readonly db: Knex;
  readonly provider: PaymentProvider;
  /** The `payment` policy guarding the provider. */
  readonly policy: Policy;
  readonly topology: RetryTopology;
  /** Full name of payments.events (with the topic prefix). */
  readonly eventsTopic: string;
  /** Lease of a claimed or waiting payment, in ms. */
  readonly leaseMs: number;
  readonly metrics: PaymentMetrics;
}

/** Runs claimed attempts and records their outcomes with their messages, one transaction each. */
export class ChargeAttempts {
  constructor(private readonly deps: ChargeAttemptsDeps) {}

  /**
   * The synchronous first attempt of a Charge: succeeded/failed with their event, or queued with the
   * first-tier ChargeTask. Undefined when the sweeper took the payment over meanwhile. Throws only when
   * the outcome could not be stored (database down); the lease then brings the payment back.
   */
  async first(claim: ClaimedPayment): Promise<Payment | undefined> {
    const result = await this.call(claim);
    if (result.kind !== 'transient') return this.recordFinal(claim, result);
    this.deps.metrics.payment('queued');
    return this.record(
      claim,
      {
        status: 'queued',
        lastError: result.error.description,
        retryBase: claim.attempts,
        retryTier: 0,
        leaseMs: this.delayOfTier(0) + this.deps.leaseMs,
      },
      [chargeTaskMessage(this.deps.topology, claim.payment.id, claim.attempts, result.error)],
    );
  }

  /**
   * An attempt of a ChargeTask consumed from tier `item.tierIndex`: final outcomes → `done`; rejected by the
   * breaker without a provider call (it opened after the handler looked) within the deferral budget → queued
   * again on the SAME tier and `defer`; other transient → queued for the next tier and `retry` (the messaging
   * lib publishes the same task there), or on the last tier dead-lettered with its event and `retry`.
   */
  async fromTask(claim: ClaimedPayment, item: WorkItem): Promise<WorkOutcome> {
    const result = await this.call(claim);
    if (result.kind !== 'transient') {
      await this.recordFinal(claim, result);
      return { outcome: 'done' };
    }
    const now = Date.now();
    if (isBreakerRejection(result.error.code) && now < item.deferralDeadline) {
      return this.deferClaimed(claim, item, result.error.description, now);
    }
    if (item.isLastTier) {
      const stored = await this.record(
        claim,
        { status: 'dead_lettered', lastError: result.error.description },
        [this.event(claim, 'dead_lettered', { failureReason: result.error.description })],
      );
      if (stored === undefined) return { outcome: 'done' };
      this.deps.metrics.payment('dead_lettered');
      return { outcome: 'retry', error: result.error };
    }
    const nextTier = item.tierIndex + 1;
    const stored = await this.record(
      claim,
      {
        status: 'queued',
        lastError: result.error.description,
        retryBase: claim.retryBase ?? claim.attempts,
        retryTier: nextTier,
        leaseMs: this.delayOfTier(nextTier) + this.deps.leaseMs,
      },
      [],
    );
    if (stored === undefined) return { outcome: 'done' };
    this.deps.metrics.payment('queued');
    return { outcome: 'retry', error: result.error };
  }

  /**
   * Puts a claimed task whose call the breaker rejected back on its own tier: the row is queued on the same
   * chain and tier (the attempt count keeps the claim: the fence only ever goes up), so the deferred copy is
   * the one valid message; `done` when the sweeper took the payment over meanwhile.
   */
  private async deferClaimed(
    claim: ClaimedPayment,
    item: WorkItem,
    lastError: string,
    now: number,
  ): Promise<WorkOutcome> {
    const view = {
      breaker: this.deps.policy.breaker,
      openMs: this.deps.policy.config.breaker.openMs,
    };
    const delayMs =
      breakerDeferral(view, item, now) ?? spreadDeferral(MIN_DEFERRAL_MS, item.tier.delayMs);
    const stored = await this.record(
      claim,
      {
        status: 'queued',
        lastError,
        retryBase: claim.retryBase ?? claim.attempts,
        retryTier: item.tierIndex,
        leaseMs: delayMs + this.deps.leaseMs,
      },
      [],
    );
    if (stored === undefined) return { outcome: 'done' };
    this.deps.metrics.payment('deferred');
    return { outcome: 'defer', delayMs, reason: 'payment breaker open' };
  }

  private call(claim: ClaimedPayment): Promise<ProviderCallResult> {
    return callProvider(this.deps.provider, this.deps.policy, this.deps.metrics, claim.details);
  }

  private async recordFinal(
    claim: ClaimedPayment,
    result: Exclude<ProviderCallResult, { kind: 'transient' }>,
  ): Promise<Payment | undefined> {
    if (result.kind === 'succeeded') {
      const chargeId = result.charge.chargeId;
      const stored = await this.record(claim, { status: 'succeeded', providerChargeId: chargeId }, [
        this.event(claim, 'succeeded', { providerChargeId: chargeId }),
      ]);
      if (stored !== undefined) this.deps.metrics.payment('succeeded');
      return stored;
    }
    const reason = result.error.description;
    const stored = await this.record(claim, { status: 'failed', lastError: reason }, [
      this.event(claim, 'failed', { failureReason: reason }),
    ]);
    if (stored !== undefined) this.deps.metrics.payment('failed');
    return stored;
  }

  private record(
    claim: ClaimedPayment,
    record: AttemptRecord,
    messages: Parameters<typeof recordAttempt>[3],
  ): Promise<Payment | undefined> {
    return withTransientRetry(() => recordAttempt(this.deps.db, claim, record, messages));
  }

  private event(
    claim: ClaimedPayment,
    status: EventStatus,
    details: { providerChargeId?: string; failureReason?: string },
  ): ReturnType<typeof paymentEventMessage> {
    return paymentEventMessage(this.deps.eventsTopic, {
      payment: claim.payment,
      status,
      receiptEmail: claim.receiptEmail,
      ...details,
    });
  }

  private delayOfTier(index: number): number {
    return this.deps.topology.tiers[index]?.delayMs ?? 0;
  }
}

/** Codes of a call the breaker refused without reaching the provider. */
function isBreakerRejection(code: string): boolean {
  return code === 'CIRCUIT_OPEN' || code === 'CIRCUIT_ISOLATED';
}
