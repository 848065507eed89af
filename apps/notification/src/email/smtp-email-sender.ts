import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { createTransport } from 'nodemailer';
import type { Policy } from '@gaara/resilience';
import type { EmailSender, OutgoingEmail } from './email-sender';
import { toDeliveryError } from './classify-smtp-error';
import { ConnectionSlots } from './connection-slots';
import { EMAIL_CONNECT_TIMEOUT_MS, EMAIL_REPLY_TIMEOUT_MS } from './email-policy';
import { NotificationError } from '../domain/notification-errors';

/** Options of {@link SmtpEmailSender}; durations in milliseconds. */
export interface SmtpEmailSenderOptions {
  /** smtp://host:port (or smtps://) of the mail server. */
  readonly url: string;
  /** From header, e.g. `Gaara Store <store@gaara.test>`. */
  readonly from: string;
  /** The `email` policy: breaker and the attempt's outer timeout (at least connect + reply timeouts). */
  readonly policy: Policy;
  /** Pooled SMTP connections, and attempts at once; defaults to 5. */
  readonly maxConnections?: number;
  /** Sends waiting for a free connection before more are refused (nothing sent); defaults to 20 per connection. */
  readonly maxWaiting?: number;
  /** Longest wait for a free connection; defaults to 20000 (wait + attempt stay below the 60 s lease). */
  readonly maxWaitMs?: number;
  /** Bound on the TCP connect and on the greeting; defaults to EMAIL_CONNECT_TIMEOUT_MS (5000). */
  readonly connectTimeoutMs?: number;
  /** Longest silence while a reply is due (the end of DATA's above all); defaults to EMAIL_REPLY_TIMEOUT_MS (20000). */
  readonly replyTimeoutMs?: number;
}

/** The sender's timeouts do not fit in its policy's: the policy would cut attempts after DATA. */
export class EmailSenderConfigError extends NotificationError {
  readonly code = 'EMAIL_SENDER_CONFIG_INVALID';
}

const tracer = trace.getTracer('@gaara/notification');

/** Header carrying the idempotency key, so the receiving side can spot a duplicate. */
export const IDEMPOTENCY_HEADER = 'X-Gaara-Idempotency-Key';

/**
 * Sends through one pooled nodemailer transport, at most one attempt per connection (the others wait in
 * {@link ConnectionSlots}, outside any timeout), every attempt under the `email` policy.
 *
 * No e-mail is given up on while the server may already hold it, as far as SMTP lets us know: connecting and the
 * greeting are bounded by `connectTimeoutMs`, every later reply (envelope, DATA, the end of DATA) by
 * `replyTimeoutMs` of silence, and the policy's timeout, longer than both, only bounds a server that trickles.
 * Before, one 5 s budget covered all of it, queue time included, and an attempt cut while the server was answering
 * the end of DATA was stored there (RFC 1047) and sent again by a retry tier: duplicated receipts. What is left:
 * a server that has the whole message and then stays silent for `replyTimeoutMs` or drops the connection; its
 * e-mail is retried and may arrive twice (Message-ID and X-Gaara-Idempotency-Key tell the copies apart).
 * The policy's abort signal goes to nodemailer, which closes the connection carrying a cut attempt.
 */
export class SmtpEmailSender implements EmailSender {
  private readonly transport;
  private readonly slots: ConnectionSlots;

  /** @throws EmailSenderConfigError when the policy's timeout is below connect + reply timeouts */
  constructor(private readonly options: SmtpEmailSenderOptions) {
    const connectTimeoutMs = options.connectTimeoutMs ?? EMAIL_CONNECT_TIMEOUT_MS;
    const replyTimeoutMs = options.replyTimeoutMs ?? EMAIL_REPLY_TIMEOUT_MS;
    if (options.policy.config.timeoutMs < connectTimeoutMs + replyTimeoutMs) {
      throw new EmailSenderConfigError(
        `policy timeout ${options.policy.config.timeoutMs} ms is below connect (${connectTimeoutMs} ms) + reply (${replyTimeoutMs} ms)`,
      );
    }
    const maxConnections = options.maxConnections ?? 5;
    this.slots = new ConnectionSlots(
      `${options.policy.name}-connections`,
      maxConnections,
      options.maxWaiting ?? 20 * maxConnections,
      options.maxWaitMs ?? 20_000,
    );
    this.transport = createTransport({
      url: options.url,
      pool: true,
      maxConnections,
      connectionTimeout: connectTimeoutMs,
      greetingTimeout: connectTimeoutMs,
      socketTimeout: replyTimeoutMs,
      // The sink (and local servers) have no certificate; production sets smtps:// or STARTTLS on the server.
      ignoreTLS: options.url.startsWith('smtp:'),
    });
  }

  /** One SMTP send under a client span "smtp send" (nodemailer has no instrumentation); no recipient in attributes. */
  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    return tracer.startActiveSpan('smtp send', { kind: SpanKind.CLIENT }, async (span) => {
      try {
        return await this.sendNow(email);
      } catch (error: unknown) {
        span.setStatus({
          code: SpanStatusCode.ERROR,
          message: error instanceof Error ? error.name : 'Error',
        });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  private async sendNow(email: OutgoingEmail): Promise<{ messageId: string }> {
    try {
      // No retry inside the policy: a repeat after a lost reply could send twice; the retry topics retry.
      // A connection is free before the attempt (and its timeout) starts: see ConnectionSlots.
      const info = await this.slots.run(() =>
        this.options.policy.execute(({ signal }) =>
          this.transport.sendMail({
            signal,
            from: this.options.from,
            to: email.to,
            subject: email.subject,
            text: email.text,
            messageId: email.messageId,
            headers: { [IDEMPOTENCY_HEADER]: email.idempotencyKey },
          }),
        ),
      );
      return { messageId: info.messageId || email.messageId };
    } catch (error: unknown) {
      throw toDeliveryError(error);
    }
  }

  close(): void {
    this.transport.close();
  }
}
