import { badge, table, timeOf } from './dom';
import { fetchJson } from './http';
import type { Panel } from './panel';

/** One alert of Prometheus's /api/v1/alerts. */
interface Alert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly state: string;
  readonly activeAt?: string;
}

/**
 * Firing and pending alerts of this store: those labelled with its run id (the scrape's `run_id`), and those
 * that carry none (rules aggregating over every store). `runId` '' shows every alert.
 */
export async function refreshAlerts(panel: Panel, runId: string): Promise<void> {
  const answer = await fetchJson<{ data: { alerts: readonly Alert[] } }>(
    '/console/api/prometheus/api/v1/alerts',
  );
  const mine = answer.data.alerts.filter(
    (a) => runId === '' || a.labels['run_id'] === undefined || a.labels['run_id'] === runId,
  );
  const order = (a: Alert) => (a.state === 'firing' ? 0 : 1);
  const sorted = [...mine].sort((a, b) => order(a) - order(b));
  panel.show(
    sorted.length === 0
      ? document.createTextNode('no alert is firing or pending')
      : table(
          ['alert', 'state', 'severity', 'what', 'since', 'summary'],
          sorted.map((a) => [
            a.labels['alertname'] ?? '?',
            badge(a.state),
            a.labels['severity'] ?? '',
            a.labels['service'] ?? a.labels['job'] ?? '',
            timeOf(a.activeAt),
            a.annotations['summary'] ?? '',
          ]),
        ),
  );
}
