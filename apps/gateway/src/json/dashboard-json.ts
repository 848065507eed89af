import { aggregatorV1, type catalogV1 } from '@gaara/contracts';
import { invoiceSummaryJson } from './invoice-json';
import { productJson } from './product-json';
import { notificationStatsJson, paymentStatsJson } from './queue-stats-json';
import { isoTime } from './timestamp';

export type SectionStatusName = 'ok' | 'stale' | 'unavailable';

/** Status and freshness every dashboard section carries. */
export interface SectionJson {
  readonly status: SectionStatusName;
  readonly updatedAt: string | null;
  readonly detail: string;
}

/** The dashboard as the HTTP API shows it; four independent sections. */
export interface DashboardJson {
  readonly products: SectionJson & {
    readonly items: readonly unknown[];
    /** Units over the whole catalog; null while the section is unavailable. */
    readonly stock: StockJson | null;
  };
  readonly invoices: SectionJson & { readonly items: readonly unknown[] };
  readonly payments: SectionJson & { readonly stats: ReturnType<typeof paymentStatsJson> };
  readonly notifications: SectionJson & {
    readonly stats: ReturnType<typeof notificationStatsJson>;
  };
  /** When the aggregator assembled it. */
  readonly generatedAt: string | null;
}

const statusNames: Readonly<Record<aggregatorV1.SectionStatus, SectionStatusName>> = {
  [aggregatorV1.SectionStatus.UNSPECIFIED]: 'unavailable',
  [aggregatorV1.SectionStatus.OK]: 'ok',
  [aggregatorV1.SectionStatus.STALE]: 'stale',
  [aggregatorV1.SectionStatus.UNAVAILABLE]: 'unavailable',
};

function sectionJson(meta: aggregatorV1.SectionMeta | undefined): SectionJson {
  if (meta === undefined)
    return { status: 'unavailable', updatedAt: null, detail: 'section missing' };
  return {
    status: statusNames[meta.status] ?? 'unavailable',
    updatedAt: isoTime(meta.updatedAt),
    detail: meta.detail,
  };
}

/** Stock totals as the dashboard shows them: reserved (unpaid orders) versus available. */
export interface StockJson {
  readonly onHand: number;
  readonly reserved: number;
  readonly available: number;
  readonly heldReservations: number;
  /** Orders paid after their units were gone: each needs a refund. */
  readonly shortfalls: number;
}

function stockJson(stock: catalogV1.GetStockSummaryResponse | undefined): StockJson | null {
  if (stock === undefined) return null;
  return {
    onHand: Number(stock.onHand),
    reserved: Number(stock.reserved),
    available: Number(stock.available),
    heldReservations: Number(stock.heldReservations),
    shortfalls: Number(stock.shortfalls),
  };
}

/** The aggregator's dashboard as JSON; stats are null when their section is unavailable. */
export function dashboardJson(response: aggregatorV1.GetDashboardResponse): DashboardJson {
  return {
    products: {
      ...sectionJson(response.products?.meta),
      items: (response.products?.products ?? []).map(productJson),
      stock: stockJson(response.products?.stock),
    },
    invoices: {
      ...sectionJson(response.invoices?.meta),
      items: (response.invoices?.invoices ?? []).map(invoiceSummaryJson),
    },
    payments: {
      ...sectionJson(response.payments?.meta),
      stats: paymentStatsJson(response.payments?.stats),
    },
    notifications: {
      ...sectionJson(response.notifications?.meta),
      stats: notificationStatsJson(response.notifications?.stats),
    },
    generatedAt: isoTime(response.generatedAt),
  };
}

/** The same dashboard after the gateway lost the aggregator: ok sections become stale copies. */
export function markStale(dashboard: DashboardJson, detail: string): DashboardJson {
  const stale = <S extends SectionJson>(section: S): S =>
    section.status === 'ok' ? { ...section, status: 'stale', detail } : section;
  return {
    ...dashboard,
    products: stale(dashboard.products),
    invoices: stale(dashboard.invoices),
    payments: stale(dashboard.payments),
    notifications: stale(dashboard.notifications),
  };
}

/** The dashboard when nothing could be fetched: still a dashboard, every section unavailable. */
export function unavailableDashboard(detail: string): DashboardJson {
  const section = { status: 'unavailable', updatedAt: null, detail } as const;
  return {
    products: { ...section, items: [], stock: null },
    invoices: { ...section, items: [] },
    payments: { ...section, stats: null },
    notifications: { ...section, stats: null },
    generatedAt: null,
  };
}
