// The store's scrape targets for Prometheus's file_sd: one JSON file per launched store, removed when it stops.
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceName } from './store-services';

/** Hidden label (dropped by Prometheus after relabelling) naming the launcher's pid, to prune files of dead runs. */
const LAUNCHER_PID_LABEL = '__gaara_launcher_pid';

/** One process's `/metrics` endpoint. */
export interface ScrapeTarget {
  readonly process: ServiceName;
  /** `host:port`. */
  readonly address: string;
}

/** A file_sd target group: Prometheus scrapes `targets` and sets `labels` on every series. */
export interface TargetGroup {
  readonly targets: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
}

/** One group per target, `job` = the process name (breaker series carry `service` = the dependency). */
export function targetGroups(
  targets: readonly ScrapeTarget[],
  labels: Readonly<Record<string, string>> = {},
): TargetGroup[] {
  return targets.map((target) => ({
    targets: [target.address],
    labels: { job: target.process, ...labels },
  }));
}

/** The file of one run in `dir`. */
export function targetsFile(dir: string, runId: string): string {
  return join(dir, `${runId}.json`);
}

/**
 * Writes the run's targets (labelled `run_id`) atomically, so Prometheus never reads half a file, and first
 * removes files left by launchers that died without stopping their store.
 */
export function writeTargetsFile(
  dir: string,
  runId: string,
  targets: readonly ScrapeTarget[],
): void {
  mkdirSync(dir, { recursive: true });
  pruneDeadRuns(dir);
  const groups = targetGroups(targets, {
    run_id: runId,
    [LAUNCHER_PID_LABEL]: String(process.pid),
  });
  const file = targetsFile(dir, runId);
  // A dot name outside the `*.json` glob Prometheus watches.
  const partial = join(dir, `.${runId}.json.partial`);
  writeFileSync(partial, `${JSON.stringify(groups, null, 2)}\n`);
  renameSync(partial, file);
}

export function removeTargetsFile(dir: string, runId: string): void {
  rmSync(targetsFile(dir, runId), { force: true });
}

/** Removes target files whose launcher process is gone (SIGKILLed, crashed); unreadable files are left alone. */
export function pruneDeadRuns(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const pid = launcherPid(join(dir, name));
    if (pid !== undefined && !isAlive(pid)) rmSync(join(dir, name), { force: true });
  }
}

function launcherPid(file: string): number | undefined {
  try {
    const groups = JSON.parse(readFileSync(file, 'utf8')) as TargetGroup[];
    const pid = Number(groups[0]?.labels[LAUNCHER_PID_LABEL]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
