import { create } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { aggregatorV1, commonV1, invoiceV1, catalogV1, paymentV1 } from '@gaara/contracts';
import {
  FailedPreconditionError,
  InvalidArgumentError,
  NotFoundError,
  UnimplementedError,
  type CallContext,
  type GrpcServer,
  withUnimplemented,
} from '@gaara/grpc';
import { startFakeServer } from '@gaara/grpc/testing';

/** Fakes of our own catalog, invoice, payment and aggregator interfaces, for the gateway's in-process tests. */
export const fakeProducts = [
  {
    id: 'p-1',
    sku: 'SKU-1',
    name: 'Kettle',
    description: 'Steel',
    category: 'kitchen',
    priceMinor: 2999n,
    currency: 'EUR',
    stock: 4,
    createdAt: timestampFromMs(1_700_000_000_000),
  },
  {
    id: 'p-2',
    sku: 'SKU-2',
    name: 'Teapot',
    description: 'Clay',
    category: 'kitchen',
    priceMinor: 1999n,
    currency: 'EUR',
    stock: 9,
  },
];

/** An order the fakes accept: customer c-1 (c1@example.com), two of p-1, the sandbox's succeeding card token. */
export const fakeOrder = {
  customerId: 'c-1',
  customerEmail: 'c1@example.com',
  items: [{ productId: 'p-1', quantity: 2 }],
  paymentMethod: 'tok_visa',
};

/** Switches a fake between answering, failing with INTERNAL (a bug) and hanging (accepts, never answers). */
export interface FakeControl {
  mode: 'up' | 'hang' | 'internal';
  calls: number;
}

function whileUp<T>(control: FakeControl, context: CallContext, answer: () => T): Promise<T> | T {
  control.calls += 1;
  if (control.mode === 'internal') throw new Error('SELECT * FROM secret_table failed at 10.0.0.7');
  if (control.mode === 'hang') {
    return new Promise((_, reject) =>
      context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true }),
    );
  }
  return answer();
}

export function startFakeCatalog(control: FakeControl, port = 0): Promise<GrpcServer> {
  return startFakeServer(
    {
      service: catalogV1.CatalogService,
      implementation: withUnimplemented(catalogV1.CatalogService, {
        getProduct: (request, context) =>
          whileUp(control, context, () => {
            const product = fakeProducts.find((p) => p.id === request.id);
            if (product === undefined) throw new NotFoundError(`No product ${request.id}`);
            return { product };
          }),
        listProducts: (request, context) =>
          whileUp(control, context, () => ({
            products: fakeProducts
              .filter((p) => request.category === undefined || p.category === request.category)
              .slice(0, request.pageSize || 50),
            nextPageToken: request.pageSize === 1 ? 'next-1' : '',
          })),
        // The stock of an order whose invoice id starts with 'inv-gone' is gone.
        renewReservation: (request, context) =>
          whileUp(control, context, () => {
            if (request.reservationId.startsWith('inv-gone')) {
              throw new FailedPreconditionError('Not enough stock for p-1');
            }
            return { reservation: { id: request.reservationId } };
          }),
      }),
    },
    port,
  );
}

const invoice = (id: string) => ({
  id,
  customerId: 'c-1',
  customerEmail: 'c1@example.com',
  items: [{ productId: 'p-1', quantity: 2, unitPriceMinor: 2999n, lineTotalMinor: 5998n }],
  subtotalMinor: 5998n,
  totalMinor: 5998n,
  currency: 'EUR',
  status: invoiceV1.InvoiceStatus.PENDING,
  paymentId: '',
  createdAt: timestampFromMs(1_700_000_000_000),
});

/**
 * Invoices the fake knows besides 'inv-1' (pending): 'inv-paid' (paid), and any id starting with 'inv-failed' or
 * 'inv-gone' (failed, whose first payment was declined) until ReopenInvoice reopens it.
 */
function knownInvoice(id: string, reopened: ReadonlyMap<string, string>) {
  if (id === 'inv-1') return invoice('inv-1');
  if (id === 'inv-paid') {
    return { ...invoice(id), status: invoiceV1.InvoiceStatus.PAID, paymentId: 'pay-inv-paid' };
  }
  if (!id.startsWith('inv-failed') && !id.startsWith('inv-gone')) return undefined;
  const current = reopened.get(id);
  return current === undefined
    ? { ...invoice(id), status: invoiceV1.InvoiceStatus.FAILED, failureReason: 'card declined' }
    : { ...invoice(id), currentPaymentId: current };
}

/** Invoices created by key, so a repeated key replays its invoice like the real service. */
export function startFakeInvoice(control: FakeControl): Promise<GrpcServer> {
  const byKey = new Map<string, string>();
  const reopened = new Map<string, string>();
  return startFakeServer({
    service: invoiceV1.InvoiceService,
    implementation: {
      createInvoice: (request, context) =>
        whileUp(control, context, () => {
          const unknown = request.items.findIndex(
            (item) => !fakeProducts.some((p) => p.id === item.productId),
          );
          if (unknown >= 0) {
            throw new InvalidArgumentError('Unknown product', [
              { field: `items[${unknown}].product_id`, description: 'no such product' },
            ]);
          }
          const known = byKey.get(request.idempotencyKey);
          if (known !== undefined) return { invoice: invoice(known), replayed: true };
          const id = `inv-${byKey.size + 1}`;
          byKey.set(request.idempotencyKey, id);
          return { invoice: invoice(id), replayed: false };
        }),
      getInvoice: (request, context) =>
        whileUp(control, context, () => {
          const known = knownInvoice(request.id, reopened);
          if (known === undefined) throw new NotFoundError(`No invoice ${request.id}`);
          return { invoice: known };
        }),
      listInvoices: (request, context) =>
        whileUp(control, context, () => ({
          // Filters by customer like the real service, so a test sees whose invoices the gateway asked for.
          invoices:
            request.status === invoiceV1.InvoiceStatus.PAID
              ? []
              : [invoice('inv-1')].filter(
                  (one) =>
                    request.customerId === undefined || one.customerId === request.customerId,
                ),
        })),
      markInvoicePaid: () => Promise.reject(new UnimplementedError()),
      markInvoiceFailed: () => Promise.reject(new UnimplementedError()),
      reopenInvoice: (request, context) =>
        whileUp(control, context, () => {
          const known = knownInvoice(request.invoiceId, reopened);
          if (known === undefined) throw new NotFoundError(`No invoice ${request.invoiceId}`);
          const current = reopened.get(request.invoiceId);
          if (known.status !== invoiceV1.InvoiceStatus.FAILED && current !== request.paymentId) {
            throw new FailedPreconditionError(`invoice ${request.invoiceId} cannot be reopened`);
          }
          reopened.set(request.invoiceId, request.paymentId);
          return { invoice: knownInvoice(request.invoiceId, reopened) };
        }),
    },
  });
}

/** The fake payment service's memory: every Charge request and the payment of each invoice. */
export interface FakePaymentState {
  control: FakeControl;
  readonly requests: paymentV1.ChargeRequest[];
  readonly payments: Map<string, paymentV1.Payment>;
}

/** Outcome of a first charge by token, like the sandbox provider behind the real service. */
function chargeOutcome(token: string): paymentV1.PaymentStatus {
  if (token === 'tok_chargeDeclined') return paymentV1.PaymentStatus.FAILED;
  if (token === 'tok_queued') return paymentV1.PaymentStatus.QUEUED;
  return paymentV1.PaymentStatus.SUCCEEDED;
}

/** Charges at most once per invoice when the key is empty (the real service derives it from the invoice id). */
export function startFakePayment(state: FakePaymentState, port = 0): Promise<GrpcServer> {
  return startFakeServer(
    {
      service: paymentV1.PaymentService,
      implementation: {
        charge: (request, context) =>
          whileUp(state.control, context, () => {
            state.requests.push(request);
            const id = request.idempotencyKey || `pay-${request.invoiceId}`;
            const known = state.payments.get(id);
            if (known !== undefined) return { payment: known, replayed: true };
            // Like the real service: no new payment beside one of the invoice that succeeded.
            const paid = [...state.payments.values()].some(
              (p) =>
                p.invoiceId === request.invoiceId && p.status === paymentV1.PaymentStatus.SUCCEEDED,
            );
            if (paid) {
              throw new FailedPreconditionError(
                `invoice ${request.invoiceId} is already paid by another payment`,
              );
            }
            const payment = create(paymentV1.PaymentSchema, {
              id,
              invoiceId: request.invoiceId,
              amountMinor: request.amountMinor,
              currency: request.currency,
              status: chargeOutcome(request.paymentMethodToken),
              attempts: 1,
            });
            state.payments.set(id, payment);
            return { payment, replayed: false };
          }),
        getPayment: () => Promise.reject(new UnimplementedError()),
        getPaymentStats: () => Promise.reject(new UnimplementedError()),
      },
    },
    port,
  );
}

/** Stats the fake aggregator shows in its payments section. */
export const fakePaymentStats = {
  statusCounts: [
    { status: paymentV1.PaymentStatus.SUCCEEDED, count: 7n },
    { status: paymentV1.PaymentStatus.FAILED, count: 2n },
    { status: paymentV1.PaymentStatus.QUEUED, count: 3n },
  ],
  lastHourCounts: [
    { status: paymentV1.PaymentStatus.SUCCEEDED, count: 4n },
    { status: paymentV1.PaymentStatus.FAILED, count: 1n },
  ],
  retryTopics: [
    { topic: 'payments.retry.5s', depth: 2n },
    { topic: 'payments.retry.30s', depth: 1n },
  ],
  deadLetterCount: 1n,
  breakers: [{ name: 'payment', state: commonV1.BreakerState.OPEN }],
};

/** What the fake aggregator answers; tests edit it. */
export interface FakeAggregatorState {
  control: FakeControl;
  productsStatus: aggregatorV1.SectionStatus;
  healthy: boolean;
}

export function startFakeAggregator(state: FakeAggregatorState): Promise<GrpcServer> {
  const { SectionStatus, DependencyStatus, DependencyKind, OverallStatus } = aggregatorV1;
  return startFakeServer({
    service: aggregatorV1.AggregatorService,
    implementation: {
      getDashboard: (_request, context) =>
        whileUp(state.control, context, () => ({
          products: {
            meta: { status: state.productsStatus, updatedAt: timestampFromMs(1_700_000_000_000) },
            products: state.productsStatus === SectionStatus.UNAVAILABLE ? [] : fakeProducts,
          },
          invoices: {
            meta: { status: SectionStatus.OK, updatedAt: timestampFromMs(1_700_000_000_000) },
            invoices: [invoice('inv-1')],
          },
          payments: {
            meta: { status: SectionStatus.OK, updatedAt: timestampFromMs(1_700_000_000_000) },
            stats: fakePaymentStats,
          },
          notifications: {
            meta: { status: SectionStatus.UNAVAILABLE, detail: 'notification unreachable' },
          },
          generatedAt: timestampFromMs(1_700_000_000_000),
        })),
      getHealth: (_request, context) =>
        whileUp(state.control, context, () => ({
          report: {
            overall: state.healthy ? OverallStatus.HEALTHY : OverallStatus.DEGRADED,
            dependencies: [
              {
                name: 'catalog',
                kind: DependencyKind.SERVICE,
                status: state.healthy ? DependencyStatus.HEALTHY : DependencyStatus.UNAVAILABLE,
                detail: state.healthy ? '' : 'catalog unreachable',
              },
              { name: 'invoice', kind: DependencyKind.SERVICE, status: DependencyStatus.HEALTHY },
              { name: 'payment', kind: DependencyKind.SERVICE, status: DependencyStatus.HEALTHY },
              { name: 'kafka', kind: DependencyKind.KAFKA, status: DependencyStatus.HEALTHY },
              {
                name: 'breaker:payment',
                kind: DependencyKind.BREAKER,
                status: state.healthy ? DependencyStatus.HEALTHY : DependencyStatus.DEGRADED,
                detail: state.healthy ? '' : 'payment provider breaker open',
                breakerState: state.healthy
                  ? commonV1.BreakerState.CLOSED
                  : commonV1.BreakerState.OPEN,
              },
            ],
          },
        })),
      // eslint-disable-next-line require-yield -- the gateway never watches; the fake refuses like a real server would
      watchHealth: async function* () {
        throw new UnimplementedError();
      },
    },
  });
}
