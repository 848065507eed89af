import { spawnSync } from 'node:child_process';

/** What `promtool check metrics` said about one exposition. */
export interface MetricsVerdict {
  readonly ok: boolean;
  /** promtool's own lines (problems, parse errors); empty when clean. */
  readonly output: string;
}

/** Lints Prometheus text with `promtool check metrics` (stdin), as Prometheus's own tooling reads a scrape. */
export function checkMetrics(exposition: string): MetricsVerdict {
  const result = spawnSync('promtool', ['check', 'metrics'], {
    input: exposition,
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (result.error) throw new Error(`promtool could not run: ${result.error.message}`);
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}
