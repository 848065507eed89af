import { PolicyTimeoutError } from '../errors/policy-timeout-error';
import type { Clock } from '../breaker/rolling-window';

/** What an operation run under a policy receives. */
export interface AttemptContext {
  /**
   * Aborted when the attempt times out or the caller's signal aborts: pass it to the client
   * (`fetch(url, { signal })`, `client.method(req, { signal })`) so the timeout really cancels the call.
   * Created on first read, so operations that do not use it pay nothing.
   */
  readonly signal: AbortSignal;
  /** The attempt's timeout in milliseconds; usable as a gRPC `deadlineMs` as well as, or instead of, `signal`. */
  readonly timeoutMs: number;
  /** 1 for the first attempt, 2 for the first retry, and so on. */
  readonly attempt: number;
}

/** One running attempt: a node of the deadline list and the context handed to the operation. */
class PendingAttempt implements AttemptContext {
  prev: PendingAttempt | undefined = undefined;
  next: PendingAttempt | undefined = undefined;
  settled = false;
  private controller: AbortController | undefined = undefined;
  private unlinkOuter: (() => void) | undefined = undefined;

  constructor(
    readonly deadline: number,
    readonly timeoutMs: number,
    readonly attempt: number,
    private readonly outer: AbortSignal | undefined,
    readonly fail: (error: unknown) => void,
  ) {}

  get signal(): AbortSignal {
    if (this.controller === undefined) {
      const controller = new AbortController();
      this.controller = controller;
      if (this.settled) {
        controller.abort(new PolicyTimeoutError(this.timeoutMs));
      } else if (this.outer !== undefined) {
        const outer = this.outer;
        if (outer.aborted) {
          controller.abort(outer.reason);
        } else {
          const onAbort = (): void => controller.abort(outer.reason);
          outer.addEventListener('abort', onAbort, { once: true });
          this.unlinkOuter = () => outer.removeEventListener('abort', onAbort);
        }
      }
    }
    return this.controller.signal;
  }

  /** Marks the attempt finished; false if the timeout already won. */
  settle(): boolean {
    if (this.settled) {
      return false;
    }
    this.settled = true;
    this.unlinkOuter?.();
    return true;
  }

  /** Timeout won: cancel the operation and fail the attempt. */
  expire(): void {
    this.settled = true;
    this.unlinkOuter?.();
    const error = new PolicyTimeoutError(this.timeoutMs);
    this.controller?.abort(error);
    this.fail(error);
  }
}

/**
 * Per-attempt timeout with one timer per policy instead of one per call.
 *
 * cockatiel's `timeout` creates and aborts an AbortController and a timer on every call (~6 µs on Node 24, more
 * than the whole budget of this library). All attempts of a policy share the same duration, so their deadlines
 * arrive in start order: a doubly linked list ordered by deadline plus a single timer armed for the head gives
 * O(1) start, O(1) finish and at most one timer wake-up per expiry. The AbortSignal is created lazily.
 *
 * On expiry the attempt rejects at once with {@link PolicyTimeoutError} and the signal aborts with the same error;
 * a late result of the operation is ignored.
 */
export class Timeout {
  private head: PendingAttempt | undefined = undefined;
  private tail: PendingAttempt | undefined = undefined;
  private timer: NodeJS.Timeout | undefined = undefined;

  /**
   * @param timeoutMs per-attempt timeout in milliseconds
   * @param onTimeout called (synchronously, must not throw) when an attempt expires
   * @param now monotonic clock in milliseconds, defaults to `performance.now`
   */
  constructor(
    readonly timeoutMs: number,
    private readonly onTimeout: () => void = () => undefined,
    private readonly now: Clock = () => performance.now(),
  ) {
    if (!(timeoutMs > 0)) {
      throw new RangeError(`timeoutMs must be > 0, got ${timeoutMs}`);
    }
  }

  /** Runs one attempt of `fn` under the timeout. */
  execute<T>(
    fn: (context: AttemptContext) => PromiseLike<T> | T,
    attempt: number,
    signal?: AbortSignal,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const pending = new PendingAttempt(
        this.now() + this.timeoutMs,
        this.timeoutMs,
        attempt,
        signal,
        reject,
      );
      this.link(pending);
      let result: PromiseLike<T> | T;
      try {
        result = fn(pending);
      } catch (error: unknown) {
        this.finish(pending);
        reject(error);
        return;
      }
      Promise.resolve(result).then(
        (value) => {
          if (this.finish(pending)) resolve(value);
        },
        (error: unknown) => {
          if (this.finish(pending)) reject(error);
        },
      );
    });
  }

  /** Number of attempts currently running (for tests and diagnostics). */
  get running(): number {
    let count = 0;
    for (let p = this.head; p; p = p.next) count++;
    return count;
  }

  private finish(pending: PendingAttempt): boolean {
    if (!pending.settle()) {
      return false;
    }
    this.unlink(pending);
    return true;
  }

  private link(pending: PendingAttempt): void {
    pending.prev = this.tail;
    if (this.tail) {
      this.tail.next = pending;
    } else {
      this.head = pending;
    }
    this.tail = pending;
    if (this.timer === undefined) {
      this.arm(pending.deadline);
    }
  }

  private unlink(pending: PendingAttempt): void {
    if (pending.prev) pending.prev.next = pending.next;
    else this.head = pending.next;
    if (pending.next) pending.next.prev = pending.prev;
    else this.tail = pending.prev;
    pending.prev = pending.next = undefined;
  }

  private arm(deadline: number): void {
    // Unref: a pending deadline alone must not keep the process alive; the operation's own I/O does.
    this.timer = setTimeout(this.fire, Math.max(0, Math.ceil(deadline - this.now()))).unref();
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const now = this.now();
    while (this.head !== undefined && this.head.deadline <= now) {
      const expired = this.head;
      this.unlink(expired);
      expired.expire();
      try {
        this.onTimeout();
      } catch {
        // A metrics hook must not stop the remaining expiries.
      }
    }
    if (this.head !== undefined) {
      this.arm(this.head.deadline);
    }
  };
}
