import type { DiagLogger } from '@opentelemetry/api';
import type { Logger } from 'pino';

/** Sends the SDK's own diagnostics (e.g. "export failed") to the service log, marked `component: opentelemetry`. */
export function diagLoggerFor(logger: Logger): DiagLogger {
  const log = logger.child({ component: 'opentelemetry' });
  const details = (args: unknown[]) => (args.length > 0 ? { details: args.map(String) } : {});
  return {
    error: (message, ...args) => log.error(details(args), message),
    warn: (message, ...args) => log.warn(details(args), message),
    info: (message, ...args) => log.info(details(args), message),
    debug: (message, ...args) => log.debug(details(args), message),
    verbose: (message, ...args) => log.trace(details(args), message),
  };
}
