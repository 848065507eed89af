import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { declaredTopics, NOTIFICATIONS_QUEUE, PAYMENTS_QUEUE, tierTopics } from './retry-queues';
import { renderTopicsJson } from './topics-json';

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

  it('is what infra/kafka/topics.json says (regenerate with npm run topology:generate)', () => {
    const file = readFileSync(resolve(__dirname, '../../../infra/kafka/topics.json'), 'utf8');
    expect(file).toBe(renderTopicsJson());
  });
});

describe('docker-compose.yml follows the declared topology', () => {
  const compose = readFileSync(resolve(__dirname, '../../../docker-compose.yml'), 'utf8');

  it.each([
    ['GAARA_PAYMENT_RETRY_DELAYS', PAYMENTS_QUEUE.delays],
    ['GAARA_NOTIFICATION_RETRY_DELAYS', NOTIFICATIONS_QUEUE.delays],
  ])('%s is %s wherever compose sets it', (variable, delays) => {
    const values = [...compose.matchAll(new RegExp(`${variable}: (\\S+)`, 'g'))].map((m) => m[1]);
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values)).toEqual(new Set([delays]));
  });
});
