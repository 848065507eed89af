import { badge, h, table, timeOf } from './dom';
import { fetchJson } from './http';
import type { Panel } from './panel';

/** The fields of one GET /api/dashboard section the console shows. */
interface Section {
  readonly status: string;
  readonly updatedAt: string | null;
  readonly detail: string;
}

/** GET /api/dashboard as far as the console reads it. */
export interface Dashboard {
  readonly products: Section & {
    readonly items: readonly unknown[];
    readonly stock: { readonly available: number; readonly reserved: number } | null;
  };
  readonly invoices: Section & { readonly items: readonly unknown[] };
  readonly payments: Section & { readonly stats: QueueStats | null };
  readonly notifications: Section & { readonly stats: QueueStats | null };
  readonly generatedAt: string | null;
}

/** The queue part of the payments and notifications stats. */
export interface QueueStats {
  readonly pendingRetries: number;
  readonly retryTopics: readonly { readonly topic: string; readonly depth: number }[];
  readonly deadLetterDepth: number;
}

function summary(name: keyof Omit<Dashboard, 'generatedAt'>, dashboard: Dashboard): string {
  switch (name) {
    case 'products': {
      const { stock, items } = dashboard.products;
      return stock === null
        ? `${items.length} products`
        : `${items.length} products, ${stock.available} units available, ${stock.reserved} reserved`;
    }
    case 'invoices':
      return `${dashboard.invoices.items.length} latest invoices`;
    case 'payments':
    case 'notifications': {
      const stats = dashboard[name].stats;
      return stats === null
        ? 'no stats'
        : `${stats.pendingRetries} pending retries, ${stats.deadLetterDepth} dead letters`;
    }
  }
}

/** Fetches the dashboard and shows each section's status; the queues panel reuses the answer. */
export async function refreshDashboard(panel: Panel): Promise<Dashboard> {
  const dashboard = await fetchJson<Dashboard>('/api/dashboard');
  const names = ['products', 'invoices', 'payments', 'notifications'] as const;
  panel.show(
    table(
      ['section', 'status', 'updated', 'what', 'detail'],
      names.map((name) => [
        name,
        badge(dashboard[name].status),
        timeOf(dashboard[name].updatedAt),
        summary(name, dashboard),
        dashboard[name].detail,
      ]),
    ),
    h('p', { class: 'note' }, `assembled ${timeOf(dashboard.generatedAt)}`),
  );
  return dashboard;
}
