import { BulkheadFullError } from '@gaara/resilience';

/** A send waited `waitedMs` (milliseconds) for a free connection and gave up without sending anything. */
export class NoFreeConnectionError extends BulkheadFullError {
  constructor(name: string, limit: number, queue: number, waitedMs: number) {
    super(name, limit, queue);
    this.message = `no free "${name}" connection within ${waitedMs} ms`;
    this.name = 'NoFreeConnectionError';
  }
}

interface Waiter {
  readonly resolve: () => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * One slot per pooled SMTP connection, with a bounded FIFO queue in front. An attempt's timeout starts only once
 * it holds a slot, i.e. once a connection is free for it: inside nodemailer's own queue the timeout ticked while
 * the e-mail waited, and an attempt started near its deadline was aborted after the server already had the whole
 * message (it keeps it, RFC 1047), so the retry tier's repeat became a second receipt.
 */
export class ConnectionSlots {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  /**
   * @param name names the slots in rejections
   * @param limit attempts at once: the pool's connections
   * @param queue attempts waiting for a slot; beyond it `run` rejects at once with BulkheadFullError
   * @param maxWaitMs longest wait for a slot, in milliseconds; then NoFreeConnectionError (nothing was sent).
   *   Keeps wait + attempt below the claim's lease, so the sweeper never re-queues an e-mail still waiting here.
   */
  constructor(
    private readonly name: string,
    readonly limit: number,
    readonly queue: number,
    private readonly maxWaitMs: number,
  ) {}

  /** Runs `fn` once a slot is free (FIFO); rejects when the queue is full or the wait ran out. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active += 1;
    else await this.waitForSlot();
    try {
      return await fn();
    } finally {
      // The releasing run hands its slot over directly, so `active` never drops in between.
      const next = this.waiting.shift();
      if (next === undefined) {
        this.active -= 1;
      } else {
        clearTimeout(next.timer);
        next.resolve();
      }
    }
  }

  private waitForSlot(): Promise<void> {
    if (this.waiting.length >= this.queue) {
      return Promise.reject(new BulkheadFullError(this.name, this.limit, this.queue));
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(waiter), 1);
          reject(new NoFreeConnectionError(this.name, this.limit, this.queue, this.maxWaitMs));
        }, this.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }
}
