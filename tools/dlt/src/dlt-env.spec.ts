import { loadDltEnv, topologyOf } from './dlt-env';

describe('topologyOf', () => {
  const env = loadDltEnv({ GAARA_KAFKA_TOPIC_PREFIX: 't1.', GAARA_PAYMENT_RETRY_DELAYS: '1s,2s' });

  it('a retry queue: its tiers from the env, then its DLT', () => {
    expect(topologyOf('payments', env)).toMatchObject({
      deadLetterTopic: 't1.payments.dlt',
      tiers: [{ topic: 't1.payments.retry.1s' }, { topic: 't1.payments.retry.2s' }],
    });
    expect(topologyOf('notifications', env)).toMatchObject({
      deadLetterTopic: 't1.notifications.dlt',
      tiers: [{ topic: 't1.notifications.retry.30s' }, {}, {}, {}],
    });
  });

  it.each(['invoice', 'catalog'] as const)('%s: its DLT and its own replay topic', (queue) => {
    expect(topologyOf(queue, env)).toEqual({
      name: queue,
      deadLetterTopic: `t1.${queue}.dlt`,
      replayTopic: `t1.${queue}.replay`,
      topics: [`t1.${queue}.dlt`, `t1.${queue}.replay`],
    });
  });
});
