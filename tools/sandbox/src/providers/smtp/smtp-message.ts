/** One message the SMTP sink accepted, as `GET /_control/smtp/messages` lists it. */
export interface SmtpMessage {
  /** Sandbox id, e.g. `msg_1`; the 250 reply ends with it. */
  readonly id: string;
  /** The `Message-ID` header, angle brackets included; undefined when the sender set none. */
  readonly messageId: string | undefined;
  /** Address of the `From` header (no display name), e.g. `store@gaara.test`. */
  readonly from: string | undefined;
  /** Addresses of the `To` header, e.g. `['alice@example.com']`. */
  readonly to: readonly string[];
  readonly subject: string | undefined;
  readonly text: string | undefined;
  readonly html: string | undefined;
  /** Every header by lower-case name, as text, e.g. `{ 'x-gaara-idempotency-key': 'n-1' }`. */
  readonly headers: Readonly<Record<string, string>>;
  /** The SMTP envelope (MAIL FROM / RCPT TO), which may differ from the headers. */
  readonly envelope: { readonly mailFrom: string | undefined; readonly rcptTo: readonly string[] };
  /** ISO 8601 time the message was accepted. */
  readonly receivedAt: string;
}

/** Body of `GET /_control/smtp/messages`, oldest first. */
export interface SmtpMessagesView {
  readonly messages: readonly SmtpMessage[];
}
