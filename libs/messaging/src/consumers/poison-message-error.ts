/** Thrown by an event handler for a message it can never process: the message goes to the dead-letter topic at once. */
export class PoisonMessageError extends Error {
  /** Stable code callers branch on. */
  public readonly code = 'POISON_MESSAGE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoisonMessageError';
  }
}
