import { context } from '@opentelemetry/api';
import { type BulkheadPolicy, bulkhead } from 'cockatiel';
import { BulkheadFullError } from '../errors/bulkhead-full-error';

/**
 * cockatiel's bulkhead (concurrency limit plus a FIFO queue) that rejects with a {@link BulkheadFullError}
 * naming the policy and tells `onReject` about it. The check mirrors cockatiel's own, synchronously, so a
 * rejection costs no promise hops through cockatiel.
 */
export class Bulkhead {
  private readonly policy: BulkheadPolicy;

  /**
   * @param limit attempts running at once
   * @param queue attempts waiting for a slot; beyond it calls are rejected
   * @param onReject called synchronously for each rejection; must not throw
   */
  constructor(
    private readonly name: string,
    readonly limit: number,
    readonly queue: number,
    private readonly onReject: () => void,
  ) {
    this.policy = bulkhead(limit, queue);
  }

  /** Free execution slots and queue places. */
  get available(): { slots: number; queue: number } {
    return { slots: this.policy.executionSlots, queue: this.policy.queueSlots };
  }

  /**
   * Runs `fn` in a slot, queues it, or rejects with {@link BulkheadFullError}. A queued `fn` runs in the caller's
   * trace context: cockatiel starts it from the call that frees the slot, whose context (another request's, its
   * span maybe ended) it would otherwise inherit, so its spans joined the wrong trace.
   */
  execute<T>(
    fn: (context: { signal: AbortSignal }) => PromiseLike<T> | T,
    signal?: AbortSignal,
  ): Promise<T> {
    if (this.policy.executionSlots <= 0 && this.policy.queueSlots <= 0) {
      this.onReject();
      return Promise.reject(new BulkheadFullError(this.name, this.limit, this.queue));
    }
    return this.policy.execute(context.bind(context.active(), fn), signal);
  }
}
