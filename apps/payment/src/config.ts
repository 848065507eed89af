import {
  defineConfig,
  duration,
  milliseconds,
  secret,
  storeServiceEnvShape,
  string,
  url,
} from '@gaara/config';
import { LOCAL_SANDBOX, PAYMENTS_QUEUE } from '@gaara/topology';
import { PAYMENT_BREAKER_OPEN_MS } from './provider/payment-breaker';
import { DEFAULT_INLINE_BUDGET_MS } from './inline-budget';

/** Environment of the payment service; every variable has a local default (secrets only outside GAARA_ENV=production). */
export const paymentConfigSchema = defineConfig({
  ...storeServiceEnvShape('payment'),
  /** Delays of the retry tiers, in order, e.g. `5s,30s,5m,30m` (units ms|s|m|h). */
  GAARA_PAYMENT_RETRY_DELAYS: string().default(PAYMENTS_QUEUE.delays),
  /** Base URL of the payment provider (the sandbox locally). */
  GAARA_PAYMENT_PROVIDER_URL: url().default(LOCAL_SANDBOX.paymentProviderUrl),
  /** Secret API key sent as `Authorization: Bearer`; never logged. */
  GAARA_PAYMENT_PROVIDER_KEY: secret('sk_test_sandbox'),
  /** How long a payment may stay unfinished (processing, pending) before the sweeper re-queues it, in ms. */
  GAARA_PAYMENT_LEASE_MS: milliseconds().default(60_000),
  /** How long a Charge may take before answering PENDING, in ms from its arrival (the attempt goes on). */
  GAARA_PAYMENT_INLINE_BUDGET_MS: milliseconds().default(DEFAULT_INLINE_BUDGET_MS),
  /** Time the `payment` breaker stays open before a probe, in ms. */
  GAARA_BREAKER_OPEN_MS: milliseconds().default(PAYMENT_BREAKER_OPEN_MS),
  /** Time between lease sweeps, e.g. `5s`. */
  GAARA_PAYMENT_SWEEP_INTERVAL: duration().default(5000),
});
