import { withTransientRetry, type Knex } from '@gaara/db';
import { withinBudget, type BreakerSnapshot } from '@gaara/resilience';
import type { ChargeAttempts } from './charging/charge-attempts';
import type { PaymentMetrics } from './charging/payment-metrics';
import { claimFirstAttempt } from './data/payment-claims';
import { DEFAULT_INLINE_BUDGET_MS } from './inline-budget';
import type { PaymentRepository } from './data/payment-repository';
import {
  parseChargeRequest,
  type ChargeRequest,
  type ChargeRequestInput,
} from './domain/charge-request';
import type { Payment, PaymentStatus } from './domain/payment';
import { IdempotencyMismatchError, PaymentNotFoundError } from './domain/payment-errors';

/** Result of {@link Payments.charge}: `replayed` when the payment id had been seen and nothing was charged. */
export interface ChargeResult {
  readonly payment: Payment;
  readonly replayed: boolean;
}

/** Depth of one retry topic. */
export interface TopicDepth {
  readonly topic: string;
  readonly depth: number;
}

/** What GetPaymentStats reports. */
export interface PaymentStats {
  readonly statusCounts: ReadonlyMap<PaymentStatus, number>;
  /** The same counts among payments whose status changed in the last hour. */
  readonly lastHourCounts: ReadonlyMap<PaymentStatus, number>;
  readonly retryTopics: readonly TopicDepth[];
  readonly deadLetterCount: number;
  readonly breakers: readonly BreakerSnapshot[];
}

/** Collaborators of {@link Payments}. */
export interface PaymentsDeps {
  readonly db: Knex;
  readonly repository: PaymentRepository;
  readonly attempts: ChargeAttempts;
  readonly metrics: PaymentMetrics;
  /** Lease of a new or claimed payment, in ms. */
  readonly leaseMs: number;
  /**
   * How long a Charge may take, from its arrival, before answering PENDING, in milliseconds; defaults to
   * {@link DEFAULT_INLINE_BUDGET_MS}. The attempt goes on and records its outcome as if it had been waited for.
   */
  readonly inlineBudgetMs?: number;
  /** Messages waiting per retry tier; may degrade to [] when Kafka cannot be asked. */
  readonly retryDepths: () => Promise<readonly TopicDepth[]>;
  /** The process's breakers (at least `payment`). */
  readonly breakers: () => readonly BreakerSnapshot[];
}

/** The payment use cases. Database work retries transient errors (1 s, 2 s) as a whole statement or transaction. */
export class Payments {
  constructor(private readonly deps: PaymentsDeps) {}

  /**
   * Stores the payment, then makes the first attempt at once: SUCCEEDED or FAILED, or QUEUED when the
   * provider failed transiently or the breaker is open. A known payment id returns that payment without
   * charging (`replayed`); the same id for a different invoice, amount or currency is rejected.
   */
  async charge(input: ChargeRequestInput): Promise<ChargeResult> {
    // The budget counts from here: the answer waits at most this long for storing, claiming and the attempt.
    const answerBy = Date.now() + (this.deps.inlineBudgetMs ?? DEFAULT_INLINE_BUDGET_MS);
    const request = parseChargeRequest(input);
    const inserted = await withTransientRetry(() =>
      this.deps.repository.insert(request, this.deps.leaseMs),
    );
    if (!inserted.created) {
      assertSameCharge(inserted.payment, request);
      this.deps.metrics.payment('replayed');
      return { payment: inserted.payment, replayed: true };
    }
    const claim = await withTransientRetry(() =>
      claimFirstAttempt(this.deps.db, request.paymentId, this.deps.leaseMs),
    );
    if (claim === undefined) return { payment: await this.get(request.paymentId), replayed: false };
    const attempt = this.deps.attempts.first(claim);
    const outcome = await withinBudget(attempt, Math.max(0, answerBy - Date.now()));
    if (outcome === 'late') {
      // Still at the provider: answered as claimed (processing = PENDING outside). The attempt records its own
      // outcome; if storing it fails, the lease brings the payment back (ChargeAttempts.first's contract).
      return { payment: claim.payment, replayed: false };
    }
    // Undefined: the sweeper took the payment over; answer with how it stands now.
    return { payment: outcome ?? (await this.get(request.paymentId)), replayed: false };
  }

  async get(id: string): Promise<Payment> {
    const payment = await withTransientRetry(() => this.deps.repository.findById(id));
    if (payment === undefined) throw new PaymentNotFoundError(id);
    return payment;
  }

  /** Status counts from the database, tier depths from Kafka, dead letters as dead-lettered payments. */
  async stats(): Promise<PaymentStats> {
    const hourAgo = new Date(Date.now() - 3_600_000);
    const [statusCounts, lastHourCounts, retryTopics] = await Promise.all([
      withTransientRetry(() => this.deps.repository.countByStatus()),
      withTransientRetry(() => this.deps.repository.countByStatus(hourAgo)),
      this.deps.retryDepths(),
    ]);
    return {
      statusCounts,
      lastHourCounts,
      retryTopics,
      deadLetterCount: statusCounts.get('dead_lettered') ?? 0,
      breakers: this.deps.breakers(),
    };
  }
}

function assertSameCharge(stored: Payment, request: ChargeRequest): void {
  if (
    stored.invoiceId !== request.invoiceId ||
    stored.amountMinor !== request.amountMinor ||
    stored.currency !== request.currency
  ) {
    throw new IdempotencyMismatchError(stored.id);
  }
}
