import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { catalogV1, invoiceV1 } from '@gaara/contracts';
import { NotFoundError, startGrpcServer, UnimplementedError, type GrpcServer } from '@gaara/grpc';

/** Fakes of our own catalog and invoice interfaces, for the aggregator's in-process tests. */
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
  return startGrpcServer({
    port,
    handleSignals: false,
    shutdownTimeoutMs: 50,
    services: [
      {
        service: catalogV1.CatalogService,
        implementation: {
          getProduct: (request) => {
            const product = fakeProducts.find((p) => p.id === request.id);
            if (product === undefined) throw new NotFoundError(`No product ${request.id}`);
            return { product };
          },
          listProducts: (request) => ({
            products: fakeProducts.slice(0, request.pageSize || 50),
          }),
        },
      },
    ],
  });
}

export function startFakeInvoice(port = 0): Promise<GrpcServer> {
  return startGrpcServer({
    port,
    handleSignals: false,
    shutdownTimeoutMs: 50,
    services: [
      {
        service: invoiceV1.InvoiceService,
        implementation: {
          createInvoice: () => Promise.reject(new UnimplementedError()),
          getInvoice: () => Promise.reject(new UnimplementedError()),
          listInvoices: () => ({ invoices: fakeInvoices }),
          markInvoicePaid: () => Promise.reject(new UnimplementedError()),
          markInvoiceFailed: () => Promise.reject(new UnimplementedError()),
        },
      },
    ],
  });
}
