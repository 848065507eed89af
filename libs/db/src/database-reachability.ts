import type { DatabaseHealthWatcher } from './database-health';

/** What the fail-fast gate reads of a database watcher: the result of its last probe. */
export type ReachabilitySource = Pick<DatabaseHealthWatcher, 'state'>;

// Process-wide: withTransientRetry is called from every repository without a handle on the watcher.
const sources = new Set<ReachabilitySource>();

/**
 * Makes {@link withTransientRetry} in this process fail fast while `source` reports its database unreachable
 * (serveGrpc wires its database watcher here once). Returns the function that undoes it; idempotent.
 */
export function failFastWhileUnreachable(source: ReachabilitySource): () => void {
  sources.add(source);
  return () => void sources.delete(source);
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
