/** Codes of the errors @gaara/db raises itself (driver errors pass through unchanged). */
export type DatabaseErrorCode =
  | 'DB_INVALID_OPTIONS'
  | 'DB_INVALID_PAGE_TOKEN'
  /** Transient: the database is known to be down (its health probe fails); see withTransientRetry. */
  | 'DB_UNREACHABLE';

/** An error raised by @gaara/db; `code` is stable for callers to branch on. */
export class DatabaseError extends Error {
  constructor(
    public readonly code: DatabaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
