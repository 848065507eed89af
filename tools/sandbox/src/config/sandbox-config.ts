import { DEFAULT_PORTS } from '@gaara/topology';
import { SandboxConfigError } from '../errors';
import { defaultExternalToken } from '../providers/external/external-data-provider';
import { defaultPaymentKey } from '../providers/payment/payment-provider';
import type { SandboxOptions } from '../sandbox';

/** Default control port of a standalone sandbox. */
export const defaultControlPort = DEFAULT_PORTS.sandbox.control;
/** Default port of the external data API's own listener. */
export const defaultExternalPort = DEFAULT_PORTS.sandbox.external;
/** Default port of the payment provider's own listener. */
export const defaultPaymentPort = DEFAULT_PORTS.sandbox.payment;
/** Default port of the SMTP sink. */
export const defaultSmtpPort = DEFAULT_PORTS.sandbox.smtp;

function portFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new SandboxConfigError(variable, 'must be an integer port from 0 to 65535');
  }
  return port;
}

function nonEmpty(env: NodeJS.ProcessEnv, variable: string, fallback: string): string {
  const value = env[variable] ?? fallback;
  if (value === '') throw new SandboxConfigError(variable, 'must not be empty');
  return value;
}

/**
 * Reads a standalone sandbox's settings from the environment:
 * `GAARA_SANDBOX_HOST` (default 127.0.0.1), `GAARA_SANDBOX_PORT` (control plane, default 8090, 0 = ephemeral),
 * `GAARA_SANDBOX_EXTERNAL_PORT` (default 8091, or 0 when the control port is 0),
 * `GAARA_SANDBOX_EXTERNAL_TOKEN` (default `sandbox-token`),
 * `GAARA_SANDBOX_PAYMENT_PORT` (default 8092, or 0 when the control port is 0),
 * `GAARA_SANDBOX_PAYMENT_KEY` (default `sk_test_sandbox`),
 * `GAARA_SANDBOX_SMTP_PORT` (default 2525, or 0 when the control port is 0).
 * @throws SandboxConfigError naming the variable at fault
 */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const port = portFrom(env, 'GAARA_SANDBOX_PORT', defaultControlPort);
  // An ephemeral control port means tests: every provider port is ephemeral too.
  const providerPort = (variable: string, fallback: number) =>
    portFrom(env, variable, port === 0 ? 0 : fallback);
  return {
    host: env['GAARA_SANDBOX_HOST'] || '127.0.0.1',
    port,
    external: {
      port: providerPort('GAARA_SANDBOX_EXTERNAL_PORT', defaultExternalPort),
      token: nonEmpty(env, 'GAARA_SANDBOX_EXTERNAL_TOKEN', defaultExternalToken),
    },
    payment: {
      port: providerPort('GAARA_SANDBOX_PAYMENT_PORT', defaultPaymentPort),
      apiKey: nonEmpty(env, 'GAARA_SANDBOX_PAYMENT_KEY', defaultPaymentKey),
    },
    smtp: { port: providerPort('GAARA_SANDBOX_SMTP_PORT', defaultSmtpPort) },
  };
}
