import { ConfigError } from './config-error';
import { loadConfig, type ConfigOf, type ConfigSchema, type Env } from './load-config';

/** Where {@link loadConfigOrExit} reports and how it stops; replaced in tests. */
export interface ExitIo {
  writeError(text: string): void;
  exit(code: number): never;
}

const processIo: ExitIo = {
  writeError: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/**
 * {@link loadConfig} for a service's main.ts: on a {@link ConfigError} it prints its message (no stack
 * trace) to stderr and exits with code 1. Other errors are bugs and are rethrown.
 */
export function loadConfigOrExit<S extends ConfigSchema>(
  schema: S,
  env: Env = process.env,
  io: ExitIo = processIo,
): ConfigOf<S> {
  try {
    return loadConfig(schema, env);
  } catch (error: unknown) {
    if (error instanceof ConfigError) {
      io.writeError(`${error.message}\n`);
      return io.exit(1);
    }
    throw error;
  }
}
