import type { MessageInitShape } from '@bufbuild/protobuf';
import type { aggregatorV1 } from '@gaara/contracts';
import type { HealthReport } from '@gaara/health';
import { setTimeout as sleep } from 'node:timers/promises';
import { healthReportMessage } from './health-report-message';
import type { HealthView } from './health-view';

type WatchHealthInit = MessageInitShape<typeof aggregatorV1.WatchHealthResponseSchema>;

/** Timing of {@link watchHealth}. */
export interface WatchTiming {
  /** How often the health is checked, in milliseconds. */
  readonly intervalMs: number;
  /** A report is sent at least this often even when nothing changed, in milliseconds. */
  readonly keepAliveMs: number;
}

/** Sends the current report, then one on every change and at least every keep-alive, until `signal` aborts. */
export async function* watchHealth(
  view: HealthView,
  timing: WatchTiming,
  signal: AbortSignal,
): AsyncGenerator<WatchHealthInit> {
  let last = '';
  let lastSentAt = 0;
  while (!signal.aborted) {
    const report = await view.report();
    const fingerprint = fingerprintOf(report);
    if (fingerprint !== last || report.checkedAt - lastSentAt >= timing.keepAliveMs) {
      last = fingerprint;
      lastSentAt = report.checkedAt;
      yield { report: healthReportMessage(report) };
    }
    try {
      await sleep(timing.intervalMs, undefined, { signal });
    } catch {
      return; // aborted: the client went away
    }
  }
}

/** What counts as a change: statuses and details, not the time of the check. */
function fingerprintOf(report: HealthReport): string {
  return JSON.stringify([report.overall, report.dependencies]);
}
