import uPlot from 'uplot';
import { h } from './dom';
import { fetchJson } from './http';
import type { Panel } from './panel';

/** One series of a query_range answer. */
interface RangeSeries {
  readonly values: readonly (readonly [number, string])[];
}

/** A plot: its title, unit, and the PromQL of its one series over this gateway's scrape. */
interface PlotSpec {
  readonly title: string;
  readonly unit: string;
  readonly query: (selector: string) => string;
}

const plots: readonly PlotSpec[] = [
  {
    title: 'requests',
    unit: 'req/s',
    query: (s) => `sum(rate(http_server_request_duration_count{${s}}[1m]))`,
  },
  {
    title: 'errors (5xx)',
    unit: 'req/s',
    query: (s) =>
      `sum(rate(http_server_request_duration_count{${s},http_response_status_code=~"5.."}[1m])) or vector(0)`,
  },
  {
    title: 'latency p95',
    unit: 'ms',
    query: (s) =>
      `1000 * histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_bucket{${s}}[1m])))`,
  },
];

/** Window of the plots, in seconds (15 min), and their step (15 s). */
const windowSeconds = 900;
const stepSeconds = 15;

/** Request rate, error rate and p95 latency of this gateway for the last 15 min, from Prometheus's query_range. */
export class PlotsPanel {
  private readonly charts: uPlot[];
  /** The plotted window in epoch seconds, so a plot with few points still spans the 15 min. */
  private window: readonly [number, number] = [
    Date.now() / 1000 - windowSeconds,
    Date.now() / 1000,
  ];

  constructor(
    readonly panel: Panel,
    /** PromQL label selector of this gateway's series, e.g. job="gateway",instance="127.0.0.1:8080". */
    private readonly selector: string,
  ) {
    const boxes = plots.map(() => h('div', { class: 'plot' }));
    panel.show(h('div', { class: 'plots' }, ...boxes));
    this.charts = plots.map(
      (spec, i) =>
        new uPlot(
          {
            title: `${spec.title} (${spec.unit})`,
            width: 380,
            height: 180,
            scales: { x: { time: true, range: () => [this.window[0], this.window[1]] } },
            series: [
              {},
              { label: spec.unit, stroke: '#2a6fdb', width: 2, points: { show: true, size: 4 } },
            ],
            axes: [{}, { size: 50 }],
          },
          [[], []],
          boxes[i] ?? document.body,
        ),
    );
  }

  async refresh(): Promise<void> {
    const end = Math.floor(Date.now() / 1000);
    const start = end - windowSeconds;
    this.window = [start, end];
    const answers = await Promise.all(
      plots.map((spec) => {
        const params = new URLSearchParams({
          query: spec.query(this.selector),
          start: String(start),
          end: String(end),
          step: String(stepSeconds),
        });
        return fetchJson<{ data: { result: readonly RangeSeries[] } }>(
          `/console/api/prometheus/api/v1/query_range?${params.toString()}`,
        );
      }),
    );
    answers.forEach((answer, i) => {
      const values = answer.data.result[0]?.values ?? [];
      const xs = values.map(([t]) => t);
      const ys = values.map(([, v]) => (Number.isFinite(Number(v)) ? Number(v) : null));
      this.charts[i]?.setData([xs, ys]);
    });
    this.panel.body.dataset['points'] = String(
      answers.reduce((n, a) => n + (a.data.result[0]?.values.length ?? 0), 0),
    );
  }
}
