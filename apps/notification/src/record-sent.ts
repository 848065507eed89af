import { isTransientDatabaseError } from '@gaara/db';

/** First wait between two tries of the `sent` write, in milliseconds; doubled up to {@link MAX_DELAY_MS}. */
const FIRST_DELAY_MS = 250;
/** Short, so the write lands within half a second of the database's return: as a rule before a re-queued task
 * (first tier ≥ 1 s away) is claimed. */
const MAX_DELAY_MS = 500;

/** Options of {@link recordSent}; times in epoch milliseconds. */
export interface RecordSentOptions {
  /** Last moment to try, read before each wait. */
  readonly deadline: () => number;
  /** Defaults to Date.now; replaced in tests. */
  readonly now?: () => number;
  /** Waits `ms` milliseconds; defaults to a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

const timer = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes the outcome of an e-mail the SMTP server accepted (`write`, fenced: false when a later attempt claimed
 * the row), retrying transient database errors until `deadline`: a `sent` not written is an e-mail sent again, so
 * unlike other writes it keeps trying through a database outage, even past the claim's lease (the write also lands
 * on a row the sweeper re-queued meanwhile, see NotificationRepository.markSent). Throws the last error once the
 * deadline passed (or at once for a non-transient one); the row is then sent again by its re-queued task.
 */
export async function recordSent(
  write: () => Promise<boolean>,
  options: RecordSentOptions,
): Promise<boolean> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? timer;
  for (let delayMs = FIRST_DELAY_MS; ; delayMs = Math.min(MAX_DELAY_MS, delayMs * 2)) {
    try {
      return await write();
    } catch (error: unknown) {
      const left = options.deadline() - now();
      if (!isTransientDatabaseError(error) || left <= 0) throw error;
      await sleep(Math.min(delayMs, left));
    }
  }
}
