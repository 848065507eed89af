/** Handle returned by a subscription; `dispose` removes the listener. */
export interface Subscription {
  dispose(): void;
}

/**
 * A tiny event emitter whose listeners can never break the call that emitted: a throwing listener is reported
 * to `onListenerError` and the remaining listeners still run (cockatiel's emitters have no such guard).
 */
export class SafeEmitter<T> {
  private listeners: ReadonlyArray<(event: T) => void> = [];

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  /** Number of listeners, so hot paths can skip building events nobody reads. */
  get size(): number {
    return this.listeners.length;
  }

  /** Adds a listener. */
  on(listener: (event: T) => void): Subscription {
    this.listeners = [...this.listeners, listener];
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  }

  /** Calls every listener with the event; never throws. */
  emit(event: T): void {
    // Copy-on-write array: listeners added or removed during emit take effect next time.
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error: unknown) {
        try {
          this.onListenerError(error);
        } catch {
          // The error reporter itself failed; nothing safer is left to do than drop it.
        }
      }
    }
  }
}
