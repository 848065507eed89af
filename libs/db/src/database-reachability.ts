import type { DatabaseHealthWatcher } from './database-health';
import { DatabaseError } from './database-error';

/** What the fail-fast gate reads of a database watcher: its last probe's result, and news of changes. */
export type ReachabilitySource = Pick<DatabaseHealthWatcher, 'state'> &
  Partial<Pick<DatabaseHealthWatcher, 'subscribe'>>;

// Process-wide: withTransientRetry is called from every repository without a handle on the watcher.
const sources = new Set<ReachabilitySource>();
/** Operations waiting on the database, abandoned when it becomes known unreachable. */
const waiting = new Set<() => void>();

/**
 * Makes {@link withTransientRetry} in this process fail fast while `source` reports its database unreachable
 * (serveGrpc wires its database watcher here once), and abandon operations in flight when it starts to. Returns
 * the function that undoes it; idempotent.
 */
export function failFastWhileUnreachable(source: ReachabilitySource): () => void {
  sources.add(source);
  const unsubscribe = source.subscribe?.(() => {
    if (!databaseKnownUnreachable()) return;
    for (const abandon of [...waiting]) abandon();
  });
  return () => {
    sources.delete(source);
    unsubscribe?.();
  };
}

/**
 * True when the database is known to be down: at least one watcher is wired and every wired watcher's last
 * probe failed. `unknown` (no probe finished yet) is not down, and with several watchers (specs running more
 * than one service in one process) one that still reaches its database keeps the retries.
 */
export function databaseKnownUnreachable(): boolean {
  if (sources.size === 0) return false;
  for (const source of sources) if (source.state !== 'unreachable') return false;
  return true;
}

/** The transient error of a statement the pool refused, or an attempt abandoned, because the database is known down. */
export function databaseUnreachableError(): DatabaseError {
  return new DatabaseError(
    'DB_UNREACHABLE',
    'the database is unreachable (its health probe fails)',
  );
}

/**
 * `work`, or a DB_UNREACHABLE rejection as soon as the database becomes known unreachable while it runs: a
 * statement caught in a network black hole would otherwise hold its caller until the client timeout (65 s). The
 * abandoned statement still ends on its own (its outcome is ignored), as after a connection lost mid-commit.
 */
export function abandonWhenUnreachable<T>(work: Promise<T>): Promise<T> {
  if (sources.size === 0) return work;
  return new Promise<T>((resolve, reject) => {
    const abandon = (): void => {
      waiting.delete(abandon);
      reject(databaseUnreachableError());
    };
    waiting.add(abandon);
    work.then(
      (value) => {
        waiting.delete(abandon);
        resolve(value);
      },
      (error: unknown) => {
        waiting.delete(abandon);
        reject(error);
      },
    );
  });
}
