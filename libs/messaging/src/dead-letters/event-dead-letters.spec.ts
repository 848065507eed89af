import type { ConsumedMessage } from '../consumers/consumed-message';
import { MessagingError } from '../kafka/messaging-error';
import { messageHeaders } from '../retry/retry-headers';
import { deadLetterMessage } from '../retry/retry-messages';
import { deadLetterTopology, isEventDeadLetters } from './dead-letter-topology';
import { eventDeadLetterTopology, eventReplayMessage } from './event-dead-letters';

const NOW = Date.parse('2026-03-01T10:00:00.000Z');
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

const original: ConsumedMessage = {
  topic: 'payments.events',
  partition: 2,
  offset: '41',
  key: 'inv-1',
  value: '{"invoiceId":"inv-1"}',
  headers: { [messageHeaders.type]: 'gaara.payment.v1.PaymentEvent', traceparent: TRACEPARENT },
  timestamp: String(NOW),
};

/** The entry as the event consumer writes it after exhausting its retries. */
function deadLettered(): ConsumedMessage {
  const written = deadLetterMessage(original, 'retries exhausted after 15 attempts: down', NOW, {
    attempt: 15,
    error: new Error('down'),
  });
  return {
    ...original,
    topic: 'invoice.dlt',
    offset: '0',
    // Outside a span no propagator injects: keep the entry's own trace context, as Kafka would carry it.
    headers: { ...written.headers, traceparent: TRACEPARENT },
  };
}

describe('eventReplayMessage', () => {
  it('is the original event: key, value, type and trace context, without the dead-letter headers', () => {
    const entry = deadLettered();
    expect(entry.headers[messageHeaders.deadLetterReason]).toBeDefined();
    expect(eventReplayMessage(entry, NOW)).toEqual({
      key: 'inv-1',
      value: '{"invoiceId":"inv-1"}',
      headers: {
        [messageHeaders.type]: 'gaara.payment.v1.PaymentEvent',
        traceparent: TRACEPARENT,
        // Kept: a replay dead-lettered again still names the topic the event came from.
        [messageHeaders.originalTopic]: 'payments.events',
        [messageHeaders.replayedAt]: '2026-03-01T10:00:00.000Z',
      },
    });
  });

  it('keeps a missing key missing', () => {
    const keyless: ConsumedMessage = { ...deadLettered(), key: undefined };
    expect(eventReplayMessage(keyless, NOW)).not.toHaveProperty('key');
  });
});

describe('deadLetterTopology', () => {
  const invoice = {
    kind: 'events',
    queue: { name: 'invoice', deadLetterTopic: 'invoice.dlt', replayTopic: 'invoice.replay' },
  } as const;

  it('an event queue: its DLT and replay topic under the prefix', () => {
    const topology = deadLetterTopology(invoice, { topicPrefix: 't1.' });
    expect(topology).toEqual({
      name: 'invoice',
      deadLetterTopic: 't1.invoice.dlt',
      replayTopic: 't1.invoice.replay',
      topics: ['t1.invoice.dlt', 't1.invoice.replay'],
    });
    expect(isEventDeadLetters(topology)).toBe(true);
  });

  it('a retry queue: the configured delays, else the declared ones', () => {
    const payments = { kind: 'retry', queue: { name: 'payments', delays: '5s,30s' } } as const;
    const configured = deadLetterTopology(payments, { delays: '1s' });
    expect(isEventDeadLetters(configured)).toBe(false);
    expect(configured).toMatchObject({ deadLetterTopic: 'payments.dlt', tiers: [{ label: '1s' }] });
    expect(deadLetterTopology(payments)).toMatchObject({
      tiers: [{ label: '5s' }, { label: '30s' }],
    });
  });

  it('refuses an illegal topic name and a replay topic equal to the DLT', () => {
    expect(() => eventDeadLetterTopology({ ...invoice.queue, topicPrefix: 'a b.' })).toThrow(
      MessagingError,
    );
    expect(() =>
      eventDeadLetterTopology({ name: 'x', deadLetterTopic: 'x.dlt', replayTopic: 'x.dlt' }),
    ).toThrow(/must differ/);
  });
});
