// Reading a process's memory and CPU time from Linux's /proc: what `ps` shows, without spawning it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** VmRSS of a /proc/<pid>/status text, in kB; NaN when absent (a kernel thread, a zombie). */
export function parseVmRssKb(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match === null ? Number.NaN : Number(match[1]);
}

/** The fields of /proc/<pid>/stat the bench reads: parent pid and CPU time (user + system) in clock ticks. */
export interface ProcStat {
  readonly ppid: number;
  readonly ticks: number;
}

/**
 * Parses /proc/<pid>/stat. The command name (field 2) may hold spaces and parentheses, so fields are counted
 * from the last `)`: state is field 3, ppid 4, utime 14, stime 15.
 */
export function parseStat(stat: string): ProcStat {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state).
  const field = (n: number): number => Number(rest[n - 3]);
  return { ppid: field(4), ticks: field(14) + field(15) };
}

/** Resident memory of `pid` in MB (MiB); NaN when it is gone. */
export function rssMb(pid: number): number {
  try {
    return parseVmRssKb(readFileSync(`/proc/${pid}/status`, 'utf8')) / 1024;
  } catch {
    return Number.NaN;
  }
}

/** CPU time of `pid` so far (user + system, all threads) in clock ticks; NaN when it is gone. */
export function cpuTicks(pid: number): number {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8')).ticks;
  } catch {
    return Number.NaN;
  }
}

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on every usual Linux). */
export function clockTicksPerSecond(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
}

/** Live children of `parent` (e.g. PostgreSQL's backends under the postmaster). */
export function childPids(parent: number): number[] {
  const result: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (parseStat(readFileSync(`/proc/${entry}/stat`, 'utf8')).ppid === parent)
        result.push(Number(entry));
    } catch {
      // Exited between the listing and the read.
    }
  }
  return result;
}

/** The pid in the first line of `pidFile` when that process is alive and its command line contains `pattern`. */
export function livePid(pidFile: string, pattern: string): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0].trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return cmdline.includes(pattern) ? pid : undefined;
  } catch {
    return undefined;
  }
}
