/** Answers a held DATA command; called at most once. */
export type HeldReply = () => void;

/**
 * DATA replies kept back by `hang`, by SMTP session id; one leaves when its client disconnects
 * or when it is released (it is then answered, e.g. with a closing 421).
 */
export class HeldSmtpReplies {
  private readonly replies = new Map<string, HeldReply>();

  get count(): number {
    return this.replies.size;
  }

  hold(sessionId: string, reply: HeldReply): void {
    this.replies.set(sessionId, reply);
  }

  /** Forgets the reply of a session whose connection closed; nobody is left to answer. */
  forget(sessionId: string): void {
    this.replies.delete(sessionId);
  }

  /** Answers every held reply. */
  releaseAll(): void {
    const replies = [...this.replies.values()];
    this.replies.clear();
    for (const reply of replies) reply();
  }
}
