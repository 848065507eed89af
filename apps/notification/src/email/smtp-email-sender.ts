import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { createTransport } from 'nodemailer';
import type { Policy } from '@gaara/resilience';
import type { EmailSender, OutgoingEmail } from './email-sender';
import { toDeliveryError } from './classify-smtp-error';

/** Options of {@link SmtpEmailSender}. */
export interface SmtpEmailSenderOptions {
  /** smtp://host:port (or smtps://) of the mail server. */
  readonly url: string;
  /** From header, e.g. `Gaara Store <store@gaara.test>`. */
  readonly from: string;
  /** The `email` policy: breaker, bulkhead and the per-attempt timeout. */
  readonly policy: Policy;
  /** Pooled SMTP connections; defaults to 5. */
  readonly maxConnections?: number;
}

const tracer = trace.getTracer('@gaara/notification');

/** Header carrying the idempotency key, so the receiving side can spot a duplicate. */
export const IDEMPOTENCY_HEADER = 'X-Gaara-Idempotency-Key';

/**
 * Sends through one pooled nodemailer transport, every attempt under the `email` policy. The attempt's abort
 * signal (the policy's timeout) goes to nodemailer, which then drops the message from the pool's queue or closes
 * the connection carrying it: a timed-out attempt can no longer be delivered later and then again from a retry
 * tier. (Only a server that already received the whole message and lost its reply may still have it: the
 * idempotency header is for that.) nodemailer's own timeouts, twice the policy's, only bound what no attempt waits
 * for any more, e.g. a pooled connection that went silent while idle.
 */
export class SmtpEmailSender implements EmailSender {
  private readonly transport;

  constructor(private readonly options: SmtpEmailSenderOptions) {
    const timeoutMs = 2 * options.policy.config.timeoutMs;
    this.transport = createTransport({
      url: options.url,
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
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
      const info = await this.options.policy.execute(({ signal }) =>
        this.transport.sendMail({
          signal,
          from: this.options.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          messageId: email.messageId,
          headers: { [IDEMPOTENCY_HEADER]: email.idempotencyKey },
        }),
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
