/** Options of {@link BackgroundCheck}. */
export interface BackgroundCheckOptions {
  /** How old the last answer may be before {@link BackgroundCheck.refreshIfDue} starts a new check, in ms. */
  readonly refreshMs: number;
  readonly now?: () => number;
}

/** An answer of the check and when it came (epoch ms). */
export interface CheckAnswer<T> {
  readonly value: T;
  readonly at: number;
}

/** The check running now and when it started (epoch ms). */
export interface RunningCheck<T> {
  readonly promise: Promise<T>;
  readonly startedAt: number;
}

/**
 * The last answer of a slow or hanging check, refreshed in the background: at most one check runs at a time,
 * however many readers ask and however long it takes, so a check that cannot be cancelled never piles up. A
 * failed check keeps the previous answer.
 */
export class BackgroundCheck<T> {
  private answer: CheckAnswer<T> | undefined;
  private current: RunningCheck<T> | undefined;
  private readonly now: () => number;

  constructor(
    private readonly run: () => Promise<T>,
    private readonly options: BackgroundCheckOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The last answer; undefined until a check answered. */
  get last(): CheckAnswer<T> | undefined {
    return this.answer;
  }

  /** The check in flight, if any. */
  get running(): RunningCheck<T> | undefined {
    return this.current;
  }

  /** Starts a check unless one is running or the last answer is younger than `refreshMs`. */
  refreshIfDue(): void {
    if (this.current !== undefined) return;
    if (this.answer !== undefined && this.now() - this.answer.at < this.options.refreshMs) return;
    const promise = this.run().then((value) => {
      this.answer = { value, at: this.now() };
      return value;
    });
    const running = { promise, startedAt: this.now() };
    this.current = running;
    // Also handles a failure nobody waits for.
    promise.then(
      () => this.finished(running),
      () => this.finished(running),
    );
  }

  private finished(running: RunningCheck<T>): void {
    if (this.current === running) this.current = undefined;
  }
}
