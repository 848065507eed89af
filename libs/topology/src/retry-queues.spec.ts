import { declaredTopics, PAYMENTS_QUEUE, tierTopics } from './retry-queues';

describe('the declared topology', () => {
  it('names one topic per tier delay, then the dead letters', () => {
    expect(tierTopics(PAYMENTS_QUEUE)).toEqual([
      'payments.retry.5s',
      'payments.retry.30s',
      'payments.retry.5m',
      'payments.retry.30m',
    ]);
    expect(declaredTopics().map((t) => t.name)).toContain('payments.dlt');
  });
});
