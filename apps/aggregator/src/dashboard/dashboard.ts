import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { type aggregatorV1, type catalogV1, type invoiceV1 } from '@gaara/contracts';
import type { GrpcClient } from '@gaara/grpc';
import { sectionMeta } from './section-meta';
import type { SectionSource } from './section-source';
import {
  readNotificationStats,
  readPaymentStats,
  type NotificationStatsSource,
  type PaymentStatsSource,
} from './stats-readers';

type DashboardInit = MessageInitShape<typeof aggregatorV1.GetDashboardResponseSchema>;

/** What the dashboard reads from. */
export interface DashboardSources {
  readonly catalog: Pick<
    GrpcClient<typeof catalogV1.CatalogService>,
    'listProducts' | 'getStockSummary'
  >;
  readonly invoice: Pick<GrpcClient<typeof invoiceV1.InvoiceService>, 'listInvoices'>;
  readonly products: SectionSource<CatalogView>;
  readonly invoices: SectionSource<invoiceV1.Invoice[]>;
  readonly payments: PaymentStatsSource;
  readonly notifications: NotificationStatsSource;
  readonly now?: () => number;
}

const defaultLimit = 10;
const maxLimit = 100;

/** 0 means the default; larger than the services' own cap is capped. */
export function sectionLimit(requested: number): number {
  return requested === 0 ? defaultLimit : Math.min(requested, maxLimit);
}

/** Assembles the dashboard: sections fetched in parallel, each with its own status; never throws for a section. */
/** What the products section reads from the catalog: the first products and the stock totals. */
export interface CatalogView {
  readonly products: catalogV1.Product[];
  readonly stock: catalogV1.GetStockSummaryResponse;
}

export async function getDashboard(
  sources: DashboardSources,
  request: aggregatorV1.GetDashboardRequest,
): Promise<DashboardInit> {
  const productLimit = sectionLimit(request.productLimit);
  const invoiceLimit = sectionLimit(request.invoiceLimit);
  const [products, invoices, payments, notifications] = await Promise.all([
    sources.products.read(String(productLimit), async ({ signal, timeoutMs }) => {
      const options = { signal, deadlineMs: timeoutMs };
      const [page, stock] = await Promise.all([
        sources.catalog.listProducts({ pageSize: productLimit }, options),
        sources.catalog.getStockSummary({}, options),
      ]);
      return { products: page.products, stock };
    }),
    sources.invoices.read(String(invoiceLimit), async ({ signal, timeoutMs }) => {
      const page = await sources.invoice.listInvoices(
        { pageSize: invoiceLimit },
        { signal, deadlineMs: timeoutMs },
      );
      return page.invoices;
    }),
    readPaymentStats(sources.payments),
    readNotificationStats(sources.notifications),
  ]);
  return {
    products: {
      meta: sectionMeta(products),
      products: products.data?.products ?? [],
      stock: products.data?.stock,
    },
    invoices: { meta: sectionMeta(invoices), invoices: invoices.data ?? [] },
    payments: { meta: sectionMeta(payments), stats: payments.data ?? undefined },
    notifications: { meta: sectionMeta(notifications), stats: notifications.data ?? undefined },
    generatedAt: timestampFromMs((sources.now ?? Date.now)()),
  };
}
