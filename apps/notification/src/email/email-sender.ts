/** One e-mail ready to hand to the SMTP server. */
export interface OutgoingEmail {
  /** PII: never log it. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Stable Message-ID derived from the idempotency key, angle brackets included. */
  readonly messageId: string;
  readonly idempotencyKey: string;
}

/** Hands e-mails to the mail server; throws EmailDeliveryError (transient or permanent). */
export interface EmailSender {
  /** Resolves with the Message-ID once the server accepted the e-mail. */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
  close(): void;
}
