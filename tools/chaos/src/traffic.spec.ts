import { ChaosTraffic, type Answer } from './traffic';

const order = (at: number, status: number, ms: number): Answer => ({
  at,
  route: 'order',
  status,
  ms,
});

describe('ChaosTraffic.isSteady', () => {
  it('holds once the last `count` orders since a time were all accepted in time', () => {
    const traffic = new ChaosTraffic({ gatewayUrl: 'http://127.0.0.1:1', productIds: ['p'] });
    traffic.answers.push(order(5, 202, 10), order(10, 202, 10), order(11, 503, 5));
    expect(traffic.isSteady(10, 2)).toBe(false); // a 503 among the last two
    traffic.answers.push(order(12, 200, 20), { at: 13, route: 'health', status: 503, ms: 1 });
    expect(traffic.isSteady(10, 2)).toBe(false);
    traffic.answers.push(order(14, 202, 30));
    expect(traffic.isSteady(10, 2)).toBe(true);
    expect(traffic.isSteady(10, 2, 25)).toBe(false); // 30 ms is over 25
    expect(traffic.isSteady(13, 2)).toBe(false); // only one order since 13
  });

  it('waits for the orders first sent before `since` to be answered', () => {
    const traffic = new ChaosTraffic({ gatewayUrl: 'http://127.0.0.1:1', productIds: ['p'] });
    traffic.answers.push(order(10, 202, 10), order(11, 202, 10));
    traffic.repeating.set('k-old', 5).set('k-new', 10);
    expect(traffic.isSteady(10, 2)).toBe(false); // k-old, sent during the previous fault, still repeats
    traffic.repeating.delete('k-old');
    expect(traffic.isSteady(10, 2)).toBe(true);
  });
});
