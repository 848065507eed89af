import {
  createPolicy,
  type BreakerRegistry,
  type Policy,
  type PolicyDeps,
  type ResilienceLogger,
} from '@gaara/resilience';
import { classifyEmailError } from './classify-smtp-error';

/** Bound on connecting to the SMTP server and on its greeting, in milliseconds (spec: "Timeout for external calls: 5 s"). */
export const EMAIL_CONNECT_TIMEOUT_MS = 5000;

/**
 * Longest silence of the server while a reply is due, in milliseconds, above all the reply to the end of DATA:
 * once the server has the whole message, giving up makes a second e-mail likely (it may keep the first, RFC 1047;
 * RFC 5321 4.5.3.2 has clients wait 10 minutes there). Well below the notification lease (60 s).
 */
export const EMAIL_REPLY_TIMEOUT_MS = 20_000;

/**
 * Outer bound of one attempt, in milliseconds: the policy's timeout, above connect + reply so it only cuts a
 * server that trickles replies forever. A shorter policy timeout would abort attempts after DATA again.
 */
export const EMAIL_ATTEMPT_TIMEOUT_MS = EMAIL_CONNECT_TIMEOUT_MS + EMAIL_REPLY_TIMEOUT_MS;

/**
 * The `email` policy around the SMTP provider. ARCHITECTURE.md, "Resilience settings": `email` | notification →
 * provider | > 50 % fail | 60 s (`openMs`) | email queued on the notification retry topics. One attempt only:
 * retries are the retry topics' job, and an in-process repeat could send twice. The SMTP phases have their own
 * bounds (see SmtpEmailSender); the policy's timeout is the attempt's outer bound.
 */
export function createEmailPolicy(options: {
  readonly openMs: number;
  readonly registry?: BreakerRegistry | false;
  readonly logger?: ResilienceLogger;
  readonly meter?: PolicyDeps['meter'];
}): Policy {
  return createPolicy(
    'email',
    {
      timeoutMs: EMAIL_ATTEMPT_TIMEOUT_MS,
      retry: { maxAttempts: 1 },
      breaker: { threshold: 0.5, openMs: options.openMs },
      classify: classifyEmailError,
    },
    { registry: options.registry, logger: options.logger, meter: options.meter },
  );
}
