import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { catalogV1, commonV1, invoiceV1, notificationV1, paymentV1 } from '@gaara/contracts';
import { NotFoundError, UnimplementedError, type GrpcServer, withUnimplemented } from '@gaara/grpc';
import { startFakeServer } from '@gaara/grpc/testing';

/** Fakes of our own catalog, invoice, payment and notification interfaces, for the aggregator's tests. */
export const fakeProducts = [
  {
    id: 'p-1',
    sku: 'SKU-1',
    name: 'Kettle',
    category: 'kitchen',
    priceMinor: 2999n,
    currency: 'EUR',
    stock: 4,
  },
  {
    id: 'p-2',
    sku: 'SKU-2',
    name: 'Teapot',
    category: 'kitchen',
    priceMinor: 1999n,
    currency: 'EUR',
    stock: 9,
  },
];

export const fakeInvoices = [
  {
    id: 'inv-1',
    customerId: 'c-1',
    customerEmail: 'c1@example.com',
    items: [{ productId: 'p-1', quantity: 1, unitPriceMinor: 2999n, lineTotalMinor: 2999n }],
    subtotalMinor: 2999n,
    totalMinor: 2999n,
    currency: 'EUR',
    status: invoiceV1.InvoiceStatus.PENDING,
    createdAt: timestampFromMs(1_700_000_000_000),
  },
];

export function startFakeCatalog(port = 0): Promise<GrpcServer> {
  return startFakeServer(
    {
      service: catalogV1.CatalogService,
      implementation: withUnimplemented(catalogV1.CatalogService, {
        getProduct: (request) => {
          const product = fakeProducts.find((p) => p.id === request.id);
          if (product === undefined) throw new NotFoundError(`No product ${request.id}`);
          return { product };
        },
        listProducts: (request) => ({
          products: fakeProducts.slice(0, request.pageSize || 50),
        }),
        getStockSummary: () => ({
          onHand: 30n,
          reserved: 4n,
          available: 26n,
          heldReservations: 2n,
          shortfalls: 0n,
        }),
      }),
    },
    port,
  );
}

export function startFakeInvoice(port = 0): Promise<GrpcServer> {
  return startFakeServer(
    {
      service: invoiceV1.InvoiceService,
      implementation: {
        createInvoice: () => Promise.reject(new UnimplementedError()),
        getInvoice: () => Promise.reject(new UnimplementedError()),
        listInvoices: () => ({ invoices: fakeInvoices }),
        markInvoicePaid: () => Promise.reject(new UnimplementedError()),
        markInvoiceFailed: () => Promise.reject(new UnimplementedError()),
        reopenInvoice: () => Promise.reject(new UnimplementedError()),
      },
    },
    port,
  );
}

/** What the fake payment and notification services report; tests edit it. */
export interface FakeStatsState {
  paymentBreaker: commonV1.BreakerState;
  emailBreaker: commonV1.BreakerState;
}

export function startFakePayment(state: FakeStatsState): Promise<GrpcServer> {
  return startFakeServer({
    service: paymentV1.PaymentService,
    implementation: {
      charge: () => Promise.reject(new UnimplementedError()),
      getPayment: () => Promise.reject(new UnimplementedError()),
      getPaymentStats: () => ({
        stats: {
          statusCounts: [
            { status: paymentV1.PaymentStatus.SUCCEEDED, count: 5n },
            { status: paymentV1.PaymentStatus.QUEUED, count: 2n },
          ],
          retryTopics: [{ topic: 'payments.retry.5s', depth: 2n }],
          deadLetterCount: 1n,
          breakers: [
            { name: 'payment', state: state.paymentBreaker },
            { name: 'database', state: commonV1.BreakerState.CLOSED },
          ],
        },
      }),
    },
  });
}

export function startFakeNotification(state: FakeStatsState): Promise<GrpcServer> {
  return startFakeServer({
    service: notificationV1.NotificationService,
    implementation: {
      sendEmail: () => Promise.reject(new UnimplementedError()),
      getNotificationStats: () => ({
        stats: {
          statusCounts: [{ status: notificationV1.EmailStatus.SENT, count: 4n }],
          retryTopics: [{ topic: 'notifications.retry.30s', depth: 0n }],
          deadLetterCount: 0n,
          breakers: [
            { name: 'email', state: state.emailBreaker },
            { name: 'database', state: commonV1.BreakerState.CLOSED },
          ],
        },
      }),
    },
  });
}
