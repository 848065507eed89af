import type { Knex } from '@gaara/db';
import type { MessagingLogger, RetryTopology } from '@gaara/messaging';
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

/** A running sweeper. */
export interface LeaseSweeper {
  /** Sweeps once now (tests, shutdown-free use); resolves to the re-queued payments. */
  sweep(): Promise<readonly ExpiredPayment[]>;
  /** Stops the timer and waits for a running sweep; bounded by that sweep's transaction. */
  stop(): Promise<void>;
}

const LEASE_EXPIRED = new AttemptFailedError(
  'LEASE_EXPIRED',
  'attempt did not finish within its lease',
);

/**
 * Every `intervalMs`, re-queues payments whose lease expired (crash during an attempt, lost follow-up
 * message) with a first-tier ChargeTask through the outbox. Errors are logged and the next sweep tries again.
 */
export function startLeaseSweeper(options: LeaseSweeperOptions): LeaseSweeper {
  const intervalMs = options.intervalMs ?? 5000;
  const firstDelayMs = options.topology.tiers[0]?.delayMs ?? 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const sweep = async (): Promise<readonly ExpiredPayment[]> => {
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
  };

  const tick = (): void => {
    running = sweep()
      .catch((error: unknown) => options.logger?.error({ err: error }, 'lease sweep failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, intervalMs);

  return {
    sweep: () => {
      const once = sweep();
      running = once.catch(() => undefined);
      return once;
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
