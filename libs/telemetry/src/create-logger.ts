import {
  pino,
  type DestinationStream,
  type Level,
  type Logger,
  type LoggerOptions as PinoOptions,
} from 'pino';
import { REDACTED, redactSensitive } from './sensitive-keys';
import { traceLogFields } from './trace-log-fields';

/** Levels a logger accepts; `silent` logs nothing. */
export type LogLevel = Level | 'silent';

export interface LoggerOptions {
  /** Stamped on every line as `service`. */
  readonly serviceName: string;
  /** Lowest level written, defaults to `info`. */
  readonly level?: LogLevel;
  /** Where JSON lines go, defaults to stdout. Tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
}

/**
 * A pino logger writing one JSON object per line with `service`, and `trace_id`, `span_id` and
 * `trace_flags` of the span active when the line is written. Sensitive fields (see
 * SENSITIVE_KEY_GLOBS) are replaced by `[REDACTED]` at any depth.
 */
export function createLogger(options: LoggerOptions): Logger {
  const loggerOptions: PinoOptions = {
    level: options.level ?? 'info',
    base: { service: options.serviceName, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceLogFields,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => redactSensitive(object),
    },
    // formatters.log does not see child-logger bindings: the common top-level names are covered here.
    redact: {
      paths: [
        'authorization',
        'password',
        'email',
        'token',
        'cardNumber',
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: REDACTED,
    },
  };
  // pino's own default destination writes stdout synchronously, so lines survive process.exit.
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}
