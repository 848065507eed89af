import { SandboxConfigError } from '../errors';
import { defaultExternalToken } from '../providers/external/external-data-provider';
import type { SandboxOptions } from '../sandbox';

/** Default control port of a standalone sandbox. */
export const defaultControlPort = 8090;
/** Default port of the external data API's own listener. */
export const defaultExternalPort = 8091;

function portFrom(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new SandboxConfigError(variable, 'must be an integer port from 0 to 65535');
  }
  return port;
}

/**
 * Reads a standalone sandbox's settings from the environment:
 * `GAARA_SANDBOX_HOST` (default 127.0.0.1), `GAARA_SANDBOX_PORT` (control plane, default 8090, 0 = ephemeral),
 * `GAARA_SANDBOX_EXTERNAL_PORT` (default 8091, or 0 when the control port is 0),
 * `GAARA_SANDBOX_EXTERNAL_TOKEN` (default `sandbox-token`).
 * @throws SandboxConfigError naming the variable at fault
 */
export function sandboxOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SandboxOptions {
  const port = portFrom(env, 'GAARA_SANDBOX_PORT', defaultControlPort);
  const externalPort = portFrom(
    env,
    'GAARA_SANDBOX_EXTERNAL_PORT',
    port === 0 ? 0 : defaultExternalPort,
  );
  const token = env['GAARA_SANDBOX_EXTERNAL_TOKEN'] ?? defaultExternalToken;
  if (token === '')
    throw new SandboxConfigError('GAARA_SANDBOX_EXTERNAL_TOKEN', 'must not be empty');
  return {
    host: env['GAARA_SANDBOX_HOST'] || '127.0.0.1',
    port,
    external: { port: externalPort, token },
  };
}
