/** Codes of the errors the outbox relay raises itself. */
export type OutboxErrorCode = 'OUTBOX_CLAIM_EXPIRED';

/** An error raised by the outbox relay; `code` is stable for callers to branch on. */
export class OutboxError extends Error {
  constructor(
    public readonly code: OutboxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
