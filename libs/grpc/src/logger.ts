/** The slice of a pino logger this library writes to; pass a pino instance or any compatible object. */
export interface GrpcLogger {
  error(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

/** Logger that drops everything; the default so the library never prints on its own. */
export const silentLogger: GrpcLogger = { error: () => undefined };
