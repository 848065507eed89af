/** What one provider saw since start or the last reset. */
export interface CallCounters {
  /** Calls that reached the provider (a refused connection never does). */
  readonly received: number;
  /** Calls that got a complete HTTP answer, whatever its status. */
  readonly answered: number;
  /** Calls held open by `hang` right now. */
  readonly hangingNow: number;
  /** Answers per HTTP status, e.g. `{ "200": 3, "500": 1 }`. */
  readonly byStatus: Readonly<Record<string, number>>;
}

/** Mutable tally behind {@link CallCounters}; a generation number keeps calls from before a reset out of the new tally. */
export class CallTally {
  private received = 0;
  private answered = 0;
  private readonly byStatus = new Map<number, number>();
  private currentGeneration = 0;

  /** Counts a received call and returns the generation to hand back to {@link CallTally.answer}. */
  receive(): number {
    this.received += 1;
    return this.currentGeneration;
  }

  answer(generation: number, status: number): void {
    if (generation !== this.currentGeneration) return;
    this.answered += 1;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  clear(): void {
    this.currentGeneration += 1;
    this.received = 0;
    this.answered = 0;
    this.byStatus.clear();
  }

  snapshot(hangingNow: number): CallCounters {
    return {
      received: this.received,
      answered: this.answered,
      hangingNow,
      byStatus: Object.fromEntries([...this.byStatus].map(([status, n]) => [String(status), n])),
    };
  }
}
