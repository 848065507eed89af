import { create, createRegistry, fromBinary, fromJson, toBinary, toJson } from '@bufbuild/protobuf';
import type { DescService } from '@bufbuild/protobuf';
import { timestampFromDate, timestampDate } from '@bufbuild/protobuf/wkt';
import {
  aggregatorV1,
  catalogV1,
  commonV1,
  contractFiles,
  healthV1,
  invoiceV1,
  notificationV1,
  paymentV1,
  testingV1,
} from './index';

/** The service's methods as `name: kind`, in declaration order. */
function methodKinds(service: DescService): Record<string, string> {
  return Object.fromEntries(service.methods.map((m) => [m.name, m.methodKind]));
}

describe('generated messages', () => {
  it('round-trips a product through the binary format, int64 prices as bigint', () => {
    const created = new Date('2026-01-02T03:04:05.678Z');
    const product = create(catalogV1.ProductSchema, {
      id: 'p-1',
      sku: 'BOOK-001',
      name: 'Dune',
      category: 'books',
      priceMinor: 1999n,
      currency: 'EUR',
      stock: 7,
      createdAt: timestampFromDate(created),
    });

    const bytes = toBinary(catalogV1.ProductSchema, product);
    const decoded = fromBinary(catalogV1.ProductSchema, bytes);

    expect(decoded.priceMinor).toBe(1999n);
    expect(decoded.sku).toBe('BOOK-001');
    expect(decoded.stock).toBe(7);
    expect(decoded.description).toBe('');
    expect(decoded.createdAt && timestampDate(decoded.createdAt).toISOString()).toBe(
      created.toISOString(),
    );
    expect(decoded.updatedAt).toBeUndefined();
  });

  it('round-trips an invoice with items and a status enum', () => {
    const invoice = create(invoiceV1.InvoiceSchema, {
      id: 'inv-1',
      customerEmail: 'ada@example.com',
      items: [{ productId: 'p-1', quantity: 2, unitPriceMinor: 1999n, lineTotalMinor: 3998n }],
      subtotalMinor: 3998n,
      totalMinor: 3998n,
      currency: 'EUR',
      status: invoiceV1.InvoiceStatus.PAID,
      paymentId: 'pay-1',
    });

    const decoded = fromBinary(invoiceV1.InvoiceSchema, toBinary(invoiceV1.InvoiceSchema, invoice));

    expect(decoded.status).toBe(invoiceV1.InvoiceStatus.PAID);
    expect(decoded.items).toHaveLength(1);
    expect(decoded.items[0]?.lineTotalMinor).toBe(3998n);
    expect(decoded.paymentId).toBe('pay-1');
  });

  it('keeps the optional category filter distinguishable from an empty string', () => {
    const unset = fromBinary(
      catalogV1.ListProductsRequestSchema,
      toBinary(
        catalogV1.ListProductsRequestSchema,
        create(catalogV1.ListProductsRequestSchema, { pageSize: 10 }),
      ),
    );
    const empty = fromBinary(
      catalogV1.ListProductsRequestSchema,
      toBinary(
        catalogV1.ListProductsRequestSchema,
        create(catalogV1.ListProductsRequestSchema, { category: '' }),
      ),
    );

    expect(unset.category).toBeUndefined();
    expect(empty.category).toBe('');
  });

  it('carries the e-mail template params map', () => {
    const request = create(notificationV1.SendEmailRequestSchema, {
      to: 'ada@example.com',
      template: 'invoice_receipt',
      params: { invoiceId: 'inv-1', total: '39.98 EUR' },
      idempotencyKey: 'receipt:inv-1',
    });

    const decoded = fromBinary(
      notificationV1.SendEmailRequestSchema,
      toBinary(notificationV1.SendEmailRequestSchema, request),
    );

    expect(decoded.params).toEqual({ invoiceId: 'inv-1', total: '39.98 EUR' });
  });

  it('serializes a health report to proto JSON with enum names and RFC 3339 timestamps', () => {
    const report = create(aggregatorV1.HealthReportSchema, {
      overall: aggregatorV1.OverallStatus.DEGRADED,
      dependencies: [
        {
          name: 'breaker:payment',
          kind: aggregatorV1.DependencyKind.BREAKER,
          status: aggregatorV1.DependencyStatus.UNAVAILABLE,
          breakerState: commonV1.BreakerState.OPEN,
        },
      ],
      checkedAt: timestampFromDate(new Date('2026-01-02T03:04:05Z')),
    });

    const json = toJson(aggregatorV1.HealthReportSchema, report);

    expect(json).toEqual({
      overall: 'OVERALL_STATUS_DEGRADED',
      dependencies: [
        {
          name: 'breaker:payment',
          kind: 'DEPENDENCY_KIND_BREAKER',
          status: 'DEPENDENCY_STATUS_UNAVAILABLE',
          breakerState: 'BREAKER_STATE_OPEN',
        },
      ],
      checkedAt: '2026-01-02T03:04:05Z',
    });
    expect(fromJson(aggregatorV1.HealthReportSchema, json)).toEqual(report);
  });

  it('uses the canonical gRPC health names on the wire', () => {
    expect(healthV1.HealthCheckResponseSchema.typeName).toBe('grpc.health.v1.HealthCheckResponse');
    expect(healthV1.HealthCheckResponse_ServingStatus.NOT_SERVING).toBe(2);
    expect(healthV1.HealthCheckResponse_ServingStatus.SERVICE_UNKNOWN).toBe(3);
  });
});

describe('generated services', () => {
  it('describes the catalog service', () => {
    expect(catalogV1.CatalogService.typeName).toBe('gaara.catalog.v1.CatalogService');
    expect(methodKinds(catalogV1.CatalogService)).toEqual({
      GetProduct: 'unary',
      GetReservation: 'unary',
      GetStockSummary: 'unary',
      ListProducts: 'unary',
      ReleaseReservation: 'unary',
      RenewReservation: 'unary',
      ReserveStock: 'unary',
    });
    expect(catalogV1.CatalogService.method.getProduct.input).toBe(
      catalogV1.GetProductRequestSchema,
    );
    expect(catalogV1.CatalogService.method.getProduct.output).toBe(
      catalogV1.GetProductResponseSchema,
    );
  });

  it('describes the invoice service', () => {
    expect(methodKinds(invoiceV1.InvoiceService)).toEqual({
      CreateInvoice: 'unary',
      GetInvoice: 'unary',
      ListInvoices: 'unary',
      MarkInvoicePaid: 'unary',
      MarkInvoiceFailed: 'unary',
      ReopenInvoice: 'unary',
    });
  });

  it('describes the payment service', () => {
    expect(methodKinds(paymentV1.PaymentService)).toEqual({
      Charge: 'unary',
      GetPayment: 'unary',
      GetPaymentStats: 'unary',
    });
  });

  it('describes the notification service', () => {
    expect(methodKinds(notificationV1.NotificationService)).toEqual({
      SendEmail: 'unary',
      GetNotificationStats: 'unary',
    });
  });

  it('describes the aggregator service with a server-streaming health watch', () => {
    expect(methodKinds(aggregatorV1.AggregatorService)).toEqual({
      GetDashboard: 'unary',
      GetHealth: 'unary',
      WatchHealth: 'server_streaming',
    });
  });

  it('describes grpc.health.v1.Health for the standard health probes', () => {
    expect(healthV1.Health.typeName).toBe('grpc.health.v1.Health');
    expect(methodKinds(healthV1.Health)).toEqual({ Check: 'unary', Watch: 'server_streaming' });
  });

  it('describes the test-only echo service', () => {
    expect(testingV1.EchoService.typeName).toBe('gaara.testing.v1.EchoService');
    expect(methodKinds(testingV1.EchoService)).toEqual({
      Echo: 'unary',
      CountUp: 'server_streaming',
    });
  });
});

describe('contractFiles', () => {
  it('registers every service, so a registry can resolve them by full name', () => {
    const registry = createRegistry(...contractFiles);

    for (const name of [
      'gaara.catalog.v1.CatalogService',
      'gaara.invoice.v1.InvoiceService',
      'gaara.payment.v1.PaymentService',
      'gaara.notification.v1.NotificationService',
      'gaara.aggregator.v1.AggregatorService',
      'grpc.health.v1.Health',
      'gaara.testing.v1.EchoService',
    ]) {
      expect(registry.getService(name)?.typeName).toBe(name);
    }
    expect(registry.getMessage('gaara.payment.v1.Payment')).toBe(paymentV1.PaymentSchema);
  });
});
