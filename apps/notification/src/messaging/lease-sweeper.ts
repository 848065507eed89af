import type { RetryTopology } from '@gaara/messaging';
import type { NotificationRepository } from '../data/notification-repository';
import { firstTierTask } from './email-task';

/** Where tasks re-queued by the sweeper say they came from. */
const SWEEPER_SOURCE = 'notification.lease-sweeper';

/** A running sweeper; `stop` waits for a sweep in flight. */
export interface LeaseSweeper {
  /** Sweeps once now; resolves with the number of re-queued e-mails. */
  sweep(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Every `intervalMs` (milliseconds) re-queues e-mails stuck in `processing` past their lease (a sender crashed
 * between claim and outcome) with a first-tier task, through the outbox; `onRequeued` may kick the relay.
 */
export function startLeaseSweeper(options: {
  readonly repository: NotificationRepository;
  readonly topology: RetryTopology;
  readonly intervalMs: number;
  readonly onRequeued?: () => void;
  readonly logger?: { warn(obj: object, msg: string): void };
}): LeaseSweeper {
  let running: Promise<number> | undefined;
  const sweep = (): Promise<number> => {
    running ??= options.repository
      .requeueExpired((notification) =>
        firstTierTask(
          options.topology,
          { notificationId: notification.id, attemptsBefore: notification.attempts },
          SWEEPER_SOURCE,
          new Error('lease expired'),
        ),
      )
      .then((count) => {
        if (count > 0) {
          options.logger?.warn({ count }, 're-queued e-mails whose lease expired');
          options.onRequeued?.();
        }
        return count;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => options.logger?.warn({ err: error }, 'lease sweep failed'));
  }, options.intervalMs);
  timer.unref();
  return {
    sweep,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
