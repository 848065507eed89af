import { defineConfig, milliseconds, storeServiceEnvShape, string, url } from '@gaara/config';
import { LOCAL_SANDBOX, NOTIFICATIONS_QUEUE } from '@gaara/topology';
import { EMAIL_BREAKER_OPEN_MS } from './email/email-breaker';

/** Environment of the notification service; every variable has a local default. */
export const notificationConfigSchema = defineConfig({
  ...storeServiceEnvShape('notification'),
  /** SMTP server the e-mails go to (the sandbox's sink locally). */
  GAARA_SMTP_URL: url(['smtp', 'smtps']).default(LOCAL_SANDBOX.smtpUrl),
  /** From header of every e-mail. */
  GAARA_MAIL_FROM: string().default('Gaara Store <store@gaara.test>'),
  /** Delays of the notifications.retry.* tiers, in order (units ms|s|m|h). */
  GAARA_NOTIFICATION_RETRY_DELAYS: string().default(NOTIFICATIONS_QUEUE.delays),
  /** How long the `email` breaker stays open before a probe, in milliseconds (the preset's 60000). */
  GAARA_BREAKER_OPEN_MS: milliseconds().default(EMAIL_BREAKER_OPEN_MS),
  /** How long a claimed e-mail may stay `processing` before the sweeper re-queues it, in milliseconds. */
  GAARA_NOTIFICATION_LEASE_MS: milliseconds().default(60_000),
});
