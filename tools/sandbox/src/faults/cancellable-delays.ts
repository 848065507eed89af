import { setTimeout as sleep } from 'node:timers/promises';

/** Added-latency waits that a shutdown or `down` can cut short, so they never delay closing. */
export class CancellableDelays {
  private controller = new AbortController();

  /** Waits `ms` milliseconds; resolves false instead when cancelled. */
  async wait(ms: number): Promise<boolean> {
    try {
      await sleep(ms, undefined, { signal: this.controller.signal });
      return true;
    } catch (error: unknown) {
      if (error instanceof Error && error.name === 'AbortError') return false;
      throw error;
    }
  }

  cancelAll(): void {
    this.controller.abort();
    this.controller = new AbortController();
  }
}
