import { parseDelay } from '@gaara/messaging';
import { PAYMENTS_QUEUE } from '@gaara/topology';
import { DEFAULT_RESERVATION_HOLD_MS } from './config';

describe('the reservation hold', () => {
  it("outlasts the payment's whole retry span, so a charge still retrying keeps its units", () => {
    const spanMs = PAYMENTS_QUEUE.delays
      .split(',')
      .reduce((sum, delay) => sum + parseDelay(delay.trim()), 0);
    expect(DEFAULT_RESERVATION_HOLD_MS).toBeGreaterThan(spanMs);
  });
});
