/** The subset of pino's API the library logs through; any pino logger fits. */
export interface ResilienceLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Logger that drops everything, the default when none is given. */
export const silentLogger: ResilienceLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** A short, non-sensitive description of an error for logs and causes: its code or name, never its message. */
export function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string' || typeof code === 'number') {
      return typeof name === 'string' ? `${name}(${code})` : String(code);
    }
    if (typeof name === 'string') {
      return name;
    }
  }
  return typeof error;
}
