import { MessagingError } from '../kafka/messaging-error';
import { parseDelay, retryTopology } from './retry-topology';

describe('retryTopology', () => {
  it('names one topic per tier and a dead-letter topic, prefix first', () => {
    const topology = retryTopology({
      name: 'payments',
      delays: '5s, 30s,5m,30m',
      topicPrefix: 't1.',
    });
    expect(topology.tiers).toEqual([
      { label: '5s', delayMs: 5000, topic: 't1.payments.retry.5s' },
      { label: '30s', delayMs: 30_000, topic: 't1.payments.retry.30s' },
      { label: '5m', delayMs: 300_000, topic: 't1.payments.retry.5m' },
      { label: '30m', delayMs: 1_800_000, topic: 't1.payments.retry.30m' },
    ]);
    expect(topology.deadLetterTopic).toBe('t1.payments.dlt');
    expect(topology.topics).toEqual([...topology.tiers.map((t) => t.topic), 't1.payments.dlt']);
  });

  it('parses every unit', () => {
    expect(['250ms', '2s', '3m', '2h'].map(parseDelay)).toEqual([250, 2000, 180_000, 7_200_000]);
  });

  it.each(['', '5', '5x', '1.5s', '0s', '5s,5s', '-1s'])('rejects delays "%s"', (delays) => {
    expect(() => retryTopology({ name: 'p', delays })).toThrow(MessagingError);
  });

  it('rejects a name that makes an invalid topic', () => {
    expect(() => retryTopology({ name: 'pay ments', delays: '1s' })).toThrow(/invalid topic name/);
  });
});
