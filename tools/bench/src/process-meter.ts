// CPU time and resident memory of named groups of processes, sampled from /proc while the bench runs.
import { cpuTicks, rssMb } from './proc-stats';

/** Processes by name; a group's figure is the sum over its pids (PostgreSQL = postmaster + backends). */
export type PidGroups = Readonly<Record<string, readonly number[]>>;

/** CPU time so far of each group, in clock ticks (a gone pid counts 0). */
export function cpuSnapshot(groups: PidGroups): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, pids] of Object.entries(groups)) {
    result[name] = pids.reduce((sum, pid) => sum + (cpuTicks(pid) || 0), 0);
  }
  return result;
}

/** Ticks spent per group between two snapshots (groups missing from `before` are skipped). */
export function ticksBetween(
  before: Readonly<Record<string, number>>,
  after: Readonly<Record<string, number>>,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, ticks] of Object.entries(after)) {
    if (name in before) result[name] = Math.max(0, ticks - before[name]);
  }
  return result;
}

/** Percent of one CPU per group: `ticks` at `ticksPerSecond` over `seconds` of wall time. */
export function cpuPercent(
  ticks: Readonly<Record<string, number>>,
  seconds: number,
  ticksPerSecond: number,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, t] of Object.entries(ticks)) {
    result[name] = seconds > 0 ? (100 * t) / ticksPerSecond / seconds : Number.NaN;
  }
  return result;
}

/** Resident memory now of each group, in MB (a gone pid counts 0; NaN when none of the group is alive). */
export function rssSnapshot(groups: PidGroups): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [name, pids] of Object.entries(groups)) {
    const values = pids.map(rssMb).filter((v) => !Number.isNaN(v));
    result[name] = values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0);
  }
  return result;
}

/** The highest RSS (MB) seen per group while running, sampled every `intervalMs` (default 250 ms). */
export class PeakRssSampler {
  private timer: NodeJS.Timeout | undefined;
  readonly peaks: Record<string, number> = {};

  constructor(
    private readonly groups: () => PidGroups,
    private readonly intervalMs = 250,
  ) {}

  /** Takes one sample now and one every interval until {@link stop}; the timer never keeps the process alive. */
  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private sample(): void {
    for (const [name, mb] of Object.entries(rssSnapshot(this.groups()))) {
      if (!Number.isNaN(mb) && mb > (this.peaks[name] ?? 0)) this.peaks[name] = mb;
    }
  }
}
