import { h, table } from './dom';
import { fetchJson } from './http';
import type { Panel } from './panel';

/** One span as Jaeger's query API gives it (times in microseconds). */
interface Span {
  readonly spanID: string;
  readonly operationName: string;
  readonly startTime: number;
  readonly duration: number;
  readonly processID: string;
  readonly references?: readonly { readonly refType: string; readonly spanID: string }[];
  readonly tags?: readonly { readonly key: string; readonly value: unknown }[];
}

/** One trace of /api/traces. */
interface Trace {
  readonly traceID: string;
  readonly spans: readonly Span[];
  readonly processes: Readonly<Record<string, { readonly serviceName: string }>>;
}

/** How far back and how many traces the panel asks for; the console's own polling is left out of them. */
const query = new URLSearchParams({ service: 'gateway', limit: '60', lookback: '15m' });
/** Traces listed at most. */
const shown = 12;

/** The console's own requests (its page, bundle and polling), which would crowd out the store's traffic. */
function isConsoleTraffic(trace: Trace): boolean {
  return /^[A-Z]+ \/console(\/|$)/.test(rootOf(trace)?.operationName ?? '');
}

/** The span without a parent in the trace (the earliest when several), e.g. the gateway's `GET /api/products`. */
function rootOf(trace: Trace): Span | undefined {
  const ids = new Set(trace.spans.map((s) => s.spanID));
  const roots = trace.spans.filter(
    (s) => !(s.references ?? []).some((r) => r.refType === 'CHILD_OF' && ids.has(r.spanID)),
  );
  return [...(roots.length > 0 ? roots : trace.spans)].sort((a, b) => a.startTime - b.startTime)[0];
}

function failed(span: Span): boolean {
  return (span.tags ?? []).some(
    (tag) =>
      (tag.key === 'error' && tag.value === true) ||
      (tag.key === 'otel.status_code' && tag.value === 'ERROR'),
  );
}

/** Spans in tree order (parents before children), each with its depth. */
function treeOrder(trace: Trace): { span: Span; depth: number }[] {
  const ids = new Set(trace.spans.map((s) => s.spanID));
  const parentOf = (s: Span) =>
    s.references?.find((r) => r.refType === 'CHILD_OF' && ids.has(r.spanID))?.spanID;
  const children = new Map<string | undefined, Span[]>();
  for (const span of trace.spans) {
    const parent = parentOf(span);
    children.set(parent, [...(children.get(parent) ?? []), span]);
  }
  const out: { span: Span; depth: number }[] = [];
  const walk = (parent: string | undefined, depth: number) => {
    for (const span of [...(children.get(parent) ?? [])].sort(
      (a, b) => a.startTime - b.startTime,
    )) {
      out.push({ span, depth });
      if (depth < 30) walk(span.spanID, depth + 1);
    }
  };
  walk(undefined, 0);
  return out;
}

/** Recent gateway traces from Jaeger; the selected one (the newest by default) drawn as a waterfall. */
export class TracesPanel {
  /** The trace the operator clicked; the newest is drawn until then (or once it aged out). */
  private selected: string | undefined;
  private readonly list = h('div', { class: 'trace-list' });
  private readonly waterfall = h('div', { class: 'waterfall' });

  constructor(readonly panel: Panel) {
    panel.show(this.list, this.waterfall);
  }

  async refresh(): Promise<void> {
    const answer = await fetchJson<{ data: readonly Trace[] | null }>(
      `/console/api/jaeger/api/traces?${query.toString()}`,
    );
    const traces = [...(answer.data ?? [])]
      .filter((t) => !isConsoleTraffic(t))
      .sort((a, b) => (rootOf(b)?.startTime ?? 0) - (rootOf(a)?.startTime ?? 0))
      .slice(0, shown);
    if (!traces.some((t) => t.traceID === this.selected)) this.selected = undefined;
    this.list.replaceChildren(
      traces.length === 0
        ? document.createTextNode("no gateway trace in the last 15 min (besides the console's own)")
        : table(
            ['trace', 'root', 'spans', 'duration', 'when'],
            traces.map((t) => {
              const root = rootOf(t);
              const link = h(
                'a',
                {
                  href: '#',
                  'data-trace': t.traceID,
                  onclick: (e: Event) => {
                    e.preventDefault();
                    this.selected = t.traceID;
                    this.draw(t);
                  },
                },
                t.traceID.slice(0, 12),
              );
              return [
                link,
                root?.operationName ?? '?',
                t.spans.length,
                `${((root?.duration ?? 0) / 1000).toFixed(1)} ms`,
                root === undefined ? '' : new Date(root.startTime / 1000).toLocaleTimeString(),
              ];
            }),
          ),
    );
    const trace = traces.find((t) => t.traceID === this.selected) ?? traces[0];
    if (trace === undefined) this.waterfall.replaceChildren();
    else this.draw(trace);
  }

  private draw(trace: Trace): void {
    const start = Math.min(...trace.spans.map((s) => s.startTime));
    const end = Math.max(...trace.spans.map((s) => s.startTime + s.duration));
    const total = Math.max(end - start, 1);
    const rows = treeOrder(trace).map(({ span, depth }) => {
      const left = ((span.startTime - start) / total) * 100;
      const width = Math.max((span.duration / total) * 100, 0.3);
      const service = trace.processes[span.processID]?.serviceName ?? '?';
      return h(
        'div',
        { class: `span-row${failed(span) ? ' span-error' : ''}`, 'data-span': span.spanID },
        h(
          'div',
          { class: 'span-label', style: `padding-left:${depth * 10}px`, title: span.operationName },
          `${service}: ${span.operationName}`,
        ),
        h(
          'div',
          { class: 'span-track' },
          h(
            'div',
            { class: 'span-bar', style: `left:${left}%;width:${width}%` },
            `${(span.duration / 1000).toFixed(1)} ms`,
          ),
        ),
      );
    });
    this.waterfall.replaceChildren(
      h('h3', {}, `trace ${trace.traceID} (${(total / 1000).toFixed(1)} ms)`),
      ...rows,
    );
  }
}
