// Payment with Kafka down (needs the local stack's PostgreSQL and Kafka, started by the project's globalSetup;
// this file stops and restarts the shared Kafka, so the project runs alone): payment must start and take
// charges while the broker is gone, and the outbox delivers the events once it is back.
import { grpcHealth } from '@gaara/launcher';
import { call, eventually, stack } from './harness';
import { storeSession } from './testing/store-session';

const session = storeSession({
  stepTimeoutMs: 120_000,
  stopTimeoutMs: 180_000,
  beforeStop: () => stack('start', 'kafka'),
});
const { step } = session;

step(
  'payment starts and charges with Kafka stopped; the invoice is paid once Kafka is back',
  async () => {
    const gw = session.store.gatewayUrl;
    const products = await call(gw, '/api/products?pageSize=20');
    const product = (products.body.products as Array<{ id: string; stock: number }>).find(
      (p) => p.stock > 0,
    );
    expect(product).toBeDefined();

    stack('stop', 'kafka');
    await session.store.stop('payment');
    // Ready means SERVING: before this fix payment waited for Kafka before it listened.
    await session.store.start('payment');
    expect(await grpcHealth(session.store.address('payment'))).toBe('SERVING');

    const created = await eventually(
      'an order accepted with Kafka down',
      () =>
        call(gw, '/api/orders', {
          method: 'POST',
          json: {
            customerId: 'e2e-kafka-down',
            customerEmail: 'e2e@example.com',
            paymentMethod: 'tok_visa',
            idempotencyKey: `kafka-down-${session.isolation.topicPrefix.replace(/\W/g, '')}`,
            items: [{ productId: product?.id, quantity: 1 }],
          },
          timeoutMs: 10_000,
        }),
      // 200: a repeat after ORDER_TIMEOUT (the store cold after the restarts) replays the order placed meanwhile.
      (answer) => answer.status === 202 || answer.status === 200,
      30_000,
      500,
    );
    expect(created.body.payment.status).toBe('succeeded');
    const invoiceId: string = created.body.invoice.id;
    const pending = await call(gw, `/api/invoices/${invoiceId}`);
    expect(pending.body.invoice.status).toBe('pending');

    stack('start', 'kafka');
    await eventually(
      'the invoice paid once Kafka is back (the outbox held the event)',
      () => call(gw, `/api/invoices/${invoiceId}`),
      (answer) => answer.body.invoice?.status === 'paid',
      90_000,
      500,
    );
    expect(session.store.state('payment').unexpectedExits).toEqual([]);
  },
);
