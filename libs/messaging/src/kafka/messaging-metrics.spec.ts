import { testMeter } from '../testing/test-metrics';
import { MessagingMetrics } from './messaging-metrics';

describe('MessagingMetrics', () => {
  it('starts the dead-letter series of the consumed topics at 0, then counts', async () => {
    const test = testMeter();
    const metrics = new MessagingMetrics(test.meter);
    metrics.startAtZero(['payments.retry.5s']);
    expect(await test.series('messaging_dead_letters_total', 'reason')).toEqual([
      ['dead', 0],
      ['poison', 0],
      ['retries exhausted', 0],
    ]);
    metrics.deadLetter('payments.retry.5s', 'poison');
    expect(await test.counter('messaging_dead_letters_total', { reason: 'poison' })).toBe(1);
  });
});
