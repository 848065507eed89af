import type { RetryTopology } from '@gaara/messaging';
import { startSweeper, type Sweeper } from '@gaara/tasks';
import type { NotificationRepository } from '../data/notification-repository';
import { emailTasks } from './email-task';

/** Where tasks re-queued by the sweeper say they came from. */
const SWEEPER_SOURCE = 'notification.lease-sweeper';

/** A running sweeper: `sweep` once now resolves with the number of re-queued e-mails. */
export type LeaseSweeper = Sweeper<number>;

/**
 * Every `intervalMs` (milliseconds) re-queues e-mails stuck in `processing` past their lease (a sender crashed
 * between claim and outcome) with a first-tier task, through the outbox; `onRequeued` may kick the relay.
 */
export function startLeaseSweeper(options: {
  readonly repository: NotificationRepository;
  readonly topology: RetryTopology;
  readonly intervalMs: number;
  readonly onRequeued?: () => void;
  readonly logger?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}): LeaseSweeper {
  return startSweeper({
    intervalMs: options.intervalMs,
    logger: options.logger,
    sweep: async () => {
      const count = await options.repository.requeueExpired((notification) =>
        emailTasks.firstTierMessage(
          options.topology,
          { notificationId: notification.id, attemptsBefore: notification.attempts },
          SWEEPER_SOURCE,
          new Error('lease expired'),
        ),
      );
      if (count > 0) {
        options.logger?.warn({ count }, 're-queued e-mails whose lease expired');
        options.onRequeued?.();
      }
      return count;
    },
  });
}
