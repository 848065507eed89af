import { join } from 'node:path';

/**
 * Where launched stores write their Prometheus file_sd target files, relative to the repository root: the local
 * stack's Prometheus watches `*.json` there (PROM_TARGETS_DIR in tools/stack/lib/prometheus.sh).
 */
export const PROMETHEUS_TARGETS_DIR = '.state/prometheus-targets';

/** {@link PROMETHEUS_TARGETS_DIR} of the checkout at `root`. */
export function prometheusTargetsDir(root: string): string {
  return join(root, PROMETHEUS_TARGETS_DIR);
}
