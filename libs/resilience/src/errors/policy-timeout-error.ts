/** An attempt ran longer than its policy's timeout; the operation's AbortSignal was aborted. */
export class PolicyTimeoutError extends Error {
  /** Stable code callers branch on. */
  public readonly code = 'RESILIENCE_TIMEOUT';

  /**
   * @param timeoutMs the timeout that expired, in milliseconds
   */
  constructor(public readonly timeoutMs: number) {
    super(`Operation timed out after ${timeoutMs} ms`);
    this.name = 'PolicyTimeoutError';
  }
}
