import type { ActionRunner } from './breakers-panel';
import type { Dashboard, QueueStats } from './dashboard-panel';
import { h, table, timeOf } from './dom';
import { adminToken, fetchJson } from './http';
import type { Panel } from './panel';

/** One entry of GET /admin/dead-letters/:queue. */
interface DeadLetter {
  readonly partition: number;
  readonly offset: string;
  readonly key?: string;
  readonly type?: string;
  readonly timestamp: string;
  readonly replayed: boolean;
  readonly headers: Readonly<Record<string, string>>;
}

const queues = ['payments', 'notifications'] as const;
type Queue = (typeof queues)[number];

/**
 * Retry tiers and dead-letter depths (from the dashboard's stats), and per queue a dead-letter list with replay
 * buttons (admin routes). The list stays open across refreshes until listed again.
 */
export class QueuesPanel {
  private readonly depths = h('div', { class: 'depths' });
  private readonly lists = h('div', { class: 'dead-letters' });

  constructor(
    private readonly panel: Panel,
    private readonly run: ActionRunner,
  ) {
    panel.show(this.depths, this.lists);
  }

  /** Shows the depths of `dashboard`; the payments/notifications sections say when their source is down. */
  refresh(dashboard: Dashboard): void {
    const rows = queues.flatMap((queue) => {
      const section = dashboard[queue];
      const stats: QueueStats | null = section.stats;
      if (stats === null) return [[queue, '—', `unavailable: ${section.detail}`, '']];
      return [
        ...stats.retryTopics.map((t) => [queue, t.topic, t.depth, 'waiting']),
        [queue, 'dead letters', stats.deadLetterDepth, this.listButton(queue)],
      ];
    });
    this.depths.replaceChildren(table(['queue', 'topic', 'depth', ''], rows));
  }

  private listButton(queue: Queue): Node | string {
    if (adminToken() === '') return 'token needed to list';
    return h(
      'button',
      { type: 'button', 'data-list': queue, onclick: () => void this.list(queue) },
      'list',
    );
  }

  private async list(queue: Queue): Promise<void> {
    try {
      const answer = await fetchJson<{ topic: string; entries: readonly DeadLetter[] }>(
        `/admin/dead-letters/${queue}?limit=50`,
        { admin: true },
      );
      this.lists.replaceChildren(
        h(
          'h3',
          {},
          `${answer.topic}: ${answer.entries.length} entries `,
          this.replayButton(queue, { all: true }, 'replay all'),
        ),
        table(
          ['partition:offset', 'key', 'type', 'when', 'reason', 'replayed', ''],
          answer.entries.map((e) => [
            `${e.partition}:${e.offset}`,
            e.key ?? '—',
            e.type ?? '—',
            timeOf(new Date(Number(e.timestamp)).toISOString()),
            e.headers['gaara-dead-letter-reason'] ?? '',
            e.replayed ? 'yes' : 'no',
            this.replayButton(queue, { partition: e.partition, offset: e.offset }, 'replay'),
          ]),
        ),
      );
      this.panel.ok();
    } catch (error: unknown) {
      this.lists.replaceChildren(
        h(
          'p',
          { class: 'error-text' },
          `listing ${queue} failed: ${error instanceof Error ? error.message : 'error'}`,
        ),
      );
    }
  }

  private replayButton(queue: Queue, selector: object, label: string): HTMLButtonElement {
    return h(
      'button',
      {
        type: 'button',
        'data-replay': queue,
        onclick: () =>
          this.run(`${label} ${queue}`, async () => {
            const result = await fetchJson(`/admin/dead-letters/${queue}/replay`, {
              admin: true,
              method: 'POST',
              body: selector,
            });
            await this.list(queue);
            return result;
          }),
      },
      label,
    );
  }
}
