/** Codes of the errors @gaara/messaging raises itself (kafkajs and driver errors pass through unchanged). */
export type MessagingErrorCode =
  'MESSAGING_INVALID_OPTIONS' | 'MESSAGING_NOT_CONNECTED' | 'MESSAGING_TIMEOUT';

/** An error raised by @gaara/messaging; `code` is stable for callers to branch on. */
export class MessagingError extends Error {
  constructor(
    public readonly code: MessagingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
