import { BulkheadRejectedError } from 'cockatiel';

/** Every slot and queue place of the policy's bulkhead was taken; the dependency was not called. */
export class BulkheadFullError extends BulkheadRejectedError {
  /** Stable code callers branch on. */
  public readonly code = 'BULKHEAD_FULL';

  constructor(
    public readonly policy: string,
    limit: number,
    queue: number,
  ) {
    super(limit, queue);
    this.message = `Bulkhead of "${policy}" is full (${limit} running, ${queue} queued)`;
    this.name = 'BulkheadFullError';
  }
}
