import type { Knex } from '@gaara/db';
import type { MessagingLogger, RetryTopology } from '@gaara/messaging';
import { startSweeper, type Sweeper } from '@gaara/tasks';
import { requeueExpired, type ExpiredPayment } from '../data/payment-sweeps';
import { AttemptFailedError } from './attempt-error';
import { chargeTaskMessage } from './payment-messages';

/** Options of {@link startLeaseSweeper}. */
export interface LeaseSweeperOptions {
  readonly db: Knex;
  readonly topology: RetryTopology;
  /** Lease of a payment, in ms (GAARA_PAYMENT_LEASE_MS). */
  readonly leaseMs: number;
  /** Time between sweeps, in ms; defaults to 5000. */
  readonly intervalMs?: number;
  /** Most payments re-queued per sweep; defaults to 100. */
  readonly batchSize?: number;
  readonly logger?: MessagingLogger;
}

/** A running sweeper: `sweep` once now resolves to the re-queued payments; `stop` waits for a running sweep. */
export type LeaseSweeper = Sweeper<readonly ExpiredPayment[]>;

const LEASE_EXPIRED = new AttemptFailedError(
  'LEASE_EXPIRED',
  'attempt did not finish within its lease',
);

/**
 * Every `intervalMs`, re-queues payments whose lease expired (crash during an attempt, lost follow-up
 * message) with a first-tier ChargeTask through the outbox. Errors are logged and the next sweep tries again.
 */
export function startLeaseSweeper(options: LeaseSweeperOptions): LeaseSweeper {
  const firstDelayMs = options.topology.tiers[0]?.delayMs ?? 0;
  return startSweeper({
    intervalMs: options.intervalMs ?? 5000,
    logger: options.logger,
    sweep: async () => {
      const requeued = await requeueExpired(options.db, {
        limit: options.batchSize ?? 100,
        leaseMs: firstDelayMs + options.leaseMs,
        messageFor: (payment) =>
          chargeTaskMessage(options.topology, payment.id, payment.attempts, LEASE_EXPIRED),
      });
      if (requeued.length > 0) {
        options.logger?.warn(
          { payments: requeued.map((payment) => payment.id) },
          'lease expired; payments re-queued',
        );
      }
      return requeued;
    },
  });
}
