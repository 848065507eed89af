// The console's entry: token form, one refresh loop per panel (each ≤ 2 s apart), admin actions with feedback.
import 'uplot/dist/uPlot.min.css';
import './console.css';
import { refreshAlerts } from './alerts-panel';
import { refreshBreakers, type ActionRunner } from './breakers-panel';
import { refreshDashboard } from './dashboard-panel';
import { h } from './dom';
import { adminToken, fetchJson, setAdminToken } from './http';
import { Panel } from './panel';
import { PlotsPanel } from './plots-panel';
import { QueuesPanel } from './queues-panel';
import { TracesPanel } from './traces-panel';

/** Longest pause between two refreshes of a panel, in milliseconds. */
const refreshMs = 2000;

/** Refreshes `panel` with `load` forever: at most `refreshMs` apart, never two at once; failures mark it down. */
function loop(panel: Panel, load: () => Promise<void>): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    clearTimeout(timer);
    const started = Date.now();
    try {
      await load();
      panel.ok();
    } catch (error: unknown) {
      panel.down(error instanceof Error ? error.message : 'failed');
    }
    const refreshed = document.getElementById('refreshed');
    if (refreshed !== null) refreshed.textContent = `refreshed ${new Date().toLocaleTimeString()}`;
    timer = setTimeout(() => void tick(), Math.max(200, refreshMs - (Date.now() - started)));
  };
  void tick();
  return () => void tick();
}

/** This store's run id, from the `run_id` label Prometheus puts on this gateway's scrape ('' until found). */
async function runIdOf(selector: string): Promise<string> {
  const params = new URLSearchParams({ query: `up{${selector}}` });
  const answer = await fetchJson<{
    data: { result: readonly { metric: Record<string, string> }[] };
  }>(`/console/api/prometheus/api/v1/query?${params.toString()}`);
  return answer.data.result[0]?.metric['run_id'] ?? '';
}

function start(): void {
  const result = h('span', { id: 'action-result', role: 'status' });
  document.querySelector('header')?.append(result);
  const refreshers: (() => void)[] = [];
  const run: ActionRunner = (label, action) => {
    result.textContent = `${label}…`;
    action().then(
      () => {
        result.textContent = `${label}: done`;
        result.dataset['outcome'] = 'ok';
        for (const refresh of refreshers) refresh();
      },
      (error: unknown) => {
        result.textContent = `${label}: ${error instanceof Error ? error.message : 'failed'}`;
        result.dataset['outcome'] = 'failed';
      },
    );
  };

  // This gateway's series; the console's own polling is left out of the plots.
  const selector = `job="gateway",instance="${location.host}"`;
  const plotSelector = `${selector},http_route!~"/console.*"`;
  const queuesPanel = new Panel('queues');
  const queues = new QueuesPanel(queuesPanel, run);
  const plots = new PlotsPanel(new Panel('plots'), plotSelector);
  const traces = new TracesPanel(new Panel('traces'));
  let runId = '';
  const dashboardPanel = new Panel('dashboard');
  const breakersPanel = new Panel('breakers');
  const alertsPanel = new Panel('alerts');
  refreshers.push(
    loop(dashboardPanel, async () => {
      try {
        queues.refresh(await refreshDashboard(dashboardPanel));
        queuesPanel.ok();
      } catch (error: unknown) {
        queuesPanel.down(error instanceof Error ? error.message : 'failed');
        throw error;
      }
    }),
    loop(breakersPanel, () => refreshBreakers(breakersPanel, run)),
    loop(alertsPanel, async () => {
      if (runId === '') runId = await runIdOf(selector);
      await refreshAlerts(alertsPanel, runId);
    }),
    loop(plots.panel, () => plots.refresh()),
    loop(traces.panel, () => traces.refresh()),
  );

  const input = document.getElementById('admin-token') as HTMLInputElement | null;
  const state = document.getElementById('token-state');
  const showToken = () => {
    if (state !== null)
      state.textContent = adminToken() === '' ? 'read-only' : 'token set (actions enabled)';
  };
  showToken();
  document.getElementById('token-form')?.addEventListener('submit', (event) => {
    event.preventDefault();
    setAdminToken(input?.value.trim() ?? '');
    if (input !== null) input.value = '';
    showToken();
    for (const refresh of refreshers) refresh();
  });
  document.getElementById('token-clear')?.addEventListener('click', () => {
    setAdminToken('');
    showToken();
    for (const refresh of refreshers) refresh();
  });
}

start();
