import { ServiceUnavailableError } from '../errors/gateway-errors';
import type { InvoiceDesk } from '../invoices/invoice-desk';
import type { PaymentDesk } from '../payments/payment-desk';
import { fakeOrder as order } from '../testing/fake-backends';
import { OrderDesk } from './order-desk';

/** An invoice desk whose orders never finish: each holds a slot of the order desk (answered late, held on). */
const hangingInvoices = { placeOrder: () => new Promise<never>(() => undefined) };

describe('OrderDesk slow start', () => {
  it('admits a quarter of its concurrency at start and all of it once slowStartMs passed', () => {
    const clock = { now: 0 };
    const desk = new OrderDesk(hangingInvoices as unknown as InvoiceDesk, {} as PaymentDesk, {
      concurrency: 8,
      slowStartMs: 1000,
      deadlineMs: 1,
      now: () => clock.now,
    });
    const admitted = (): number => {
      let count = 0;
      for (;;) {
        try {
          desk.refuseIfFull();
        } catch (error: unknown) {
          expect(error).toBeInstanceOf(ServiceUnavailableError);
          return count;
        }
        void desk.place(order).catch(() => undefined); // ORDER_TIMEOUT after 1 ms; the slot stays held
        count += 1;
      }
    };
    expect(admitted()).toBe(2);
    clock.now = 500;
    expect(admitted()).toBe(3); // 5 of 8 at half time
    clock.now = 1000;
    expect(admitted()).toBe(3); // all 8
  });
});

describe('OrderDesk deadline', () => {
  /** {@link hangingInvoices} counting its calls. */
  const countedHangingInvoices = () => {
    const calls = { count: 0 };
    const placeOrder = (): Promise<never> => {
      calls.count += 1;
      return hangingInvoices.placeOrder();
    };
    return { desk: { placeOrder } as unknown as InvoiceDesk, calls };
  };

  it('counts the time spent before the desk against the deadline', async () => {
    const { desk: invoices } = countedHangingInvoices();
    const desk = new OrderDesk(invoices, {} as PaymentDesk, { deadlineMs: 10_000 });
    const started = performance.now();
    await expect(desk.place(order, 9_980)).rejects.toMatchObject({ code: 'ORDER_TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(5_000); // answered at ~20 ms, not at 10 s
  });

  it('refuses with nothing done an order that spent the whole deadline before it arrived', async () => {
    const { desk: invoices, calls } = countedHangingInvoices();
    const desk = new OrderDesk(invoices, {} as PaymentDesk, { deadlineMs: 750 });
    await expect(desk.place(order, 750)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(calls.count).toBe(0);
  });
});
