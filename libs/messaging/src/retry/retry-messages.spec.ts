import type { ConsumedMessage } from '../consumers/consumed-message';
import { describeError } from '../kafka/error-description';
import { firstRetryMessage, messageHeaders } from './retry-headers';
import {
  deadLetterMessage,
  nextTierMessage,
  parseTierMessage,
  replayMessage,
} from './retry-messages';
import { retryTopology } from './retry-topology';

const topology = retryTopology({ name: 'payments', delays: '5s,30s' });
const TYPE = 'gaara.payment.v1.ChargeTask';
const NOW = Date.parse('2026-03-01T10:00:00.000Z');

class CardDeclinedError extends Error {
  readonly code = 'card_declined';
  override name = 'CardDeclinedError';
}

function consumed(headers: Record<string, string>): ConsumedMessage {
  return {
    topic: topology.tiers[0]!.topic,
    partition: 1,
    offset: '7',
    key: 'pay-1',
    value: '{}',
    headers,
    timestamp: String(NOW),
  };
}

describe('firstRetryMessage', () => {
  it('puts the item on the first tier, due after its delay, with every retry header', () => {
    const { topic, message } = firstRetryMessage(topology, {
      key: 'pay-1',
      type: TYPE,
      value: '{}',
      originalTopic: 'payments.tasks',
      error: new CardDeclinedError('declined\nby issuer'),
      now: NOW,
    });
    expect(topic).toBe('payments.retry.5s');
    expect(message).toEqual({
      key: 'pay-1',
      value: '{}',
      headers: {
        'gaara-type': TYPE,
        'gaara-attempt': '1',
        'gaara-original-topic': 'payments.tasks',
        'gaara-first-failure-at': '2026-03-01T10:00:00.000Z',
        'gaara-last-error-class': 'CardDeclinedError:card_declined',
        'gaara-last-error-message': 'declined by issuer',
        'gaara-due-at': String(NOW + 5000),
        'gaara-tier': '5s',
      },
    });
  });
});

describe('parseTierMessage', () => {
  const valid = firstRetryMessage(topology, {
    key: 'k',
    type: TYPE,
    value: '',
    originalTopic: 'o',
    error: 'x',
    now: NOW,
  }).message.headers!;
  const types = new Set([TYPE]);

  it('reads the retry metadata', () => {
    expect(parseTierMessage(valid, types)).toEqual({
      ok: true,
      type: TYPE,
      metadata: {
        attempt: 1,
        originalTopic: 'o',
        firstFailureAt: '2026-03-01T10:00:00.000Z',
        lastErrorClass: 'string',
        lastErrorMessage: 'x',
        dueAt: NOW + 5000,
        deferrals: 0,
      },
    });
  });

  it.each([
    [messageHeaders.type, undefined, 'poison: missing header gaara-type'],
    [messageHeaders.type, 'other', 'poison: unknown type other'],
    [messageHeaders.dueAt, 'tomorrow', 'poison: missing or malformed header gaara-due-at'],
    [messageHeaders.dueAt, undefined, 'poison: missing or malformed header gaara-due-at'],
    [messageHeaders.attempt, '-1', 'poison: missing or malformed header gaara-attempt'],
    [messageHeaders.originalTopic, undefined, 'poison: missing header gaara-original-topic'],
  ])('calls a message with %s=%s poison', (header, value, reason) => {
    const headers: Record<string, string> = { ...valid };
    if (value === undefined) delete headers[header];
    else headers[header] = value;
    expect(parseTierMessage(headers, types)).toEqual({ ok: false, reason });
  });
});

describe('tier, dead-letter and replay messages', () => {
  const headers = firstRetryMessage(topology, {
    key: 'pay-1',
    type: TYPE,
    value: '{}',
    originalTopic: 'payments.tasks',
    error: new Error('timeout'),
    now: NOW,
  }).message.headers!;
  const parsed = parseTierMessage(headers, new Set([TYPE]));
  if (!parsed.ok) throw new Error('fixture must parse');

  it('moves to the next tier with attempt + 1 and the new error, keeping the first failure', () => {
    const next = nextTierMessage(
      consumed(headers),
      parsed.metadata,
      topology.tiers[1]!,
      new CardDeclinedError('no'),
      NOW + 6000,
    );
    expect(next.key).toBe('pay-1');
    expect(next.headers).toMatchObject({
      'gaara-attempt': '2',
      'gaara-tier': '30s',
      'gaara-due-at': String(NOW + 36_000),
      'gaara-first-failure-at': '2026-03-01T10:00:00.000Z',
      'gaara-last-error-class': 'CardDeclinedError:card_declined',
      'gaara-last-error-message': 'no',
      'gaara-original-topic': 'payments.tasks',
    });
  });

  it('dead-letters with the reason and the final error', () => {
    const dead = deadLetterMessage(consumed(headers), 'retries exhausted', NOW, {
      attempt: 3,
      error: new Error('still down'),
    });
    expect(dead.headers).toMatchObject({
      'gaara-attempt': '3',
      'gaara-dead-letter-reason': 'retries exhausted',
      'gaara-dead-lettered-at': '2026-03-01T10:00:00.000Z',
      'gaara-last-error-message': 'still down',
      'gaara-type': TYPE,
    });
  });

  it('replays onto the first tier with attempt 0 and without the dead-letter headers', () => {
    const dead = deadLetterMessage(consumed(headers), 'card declined', NOW);
    const replayed = replayMessage(consumed(dead.headers!), topology.tiers[0]!, NOW + 1000);
    expect(replayed.headers).toMatchObject({
      'gaara-attempt': '0',
      'gaara-tier': '5s',
      'gaara-due-at': String(NOW + 6000),
      'gaara-replayed-at': '2026-03-01T10:00:01.000Z',
    });
    expect(replayed.headers!['gaara-dead-letter-reason']).toBeUndefined();
    expect(replayed.headers!['gaara-dead-lettered-at']).toBeUndefined();
  });
});

describe('describeError', () => {
  it('truncates long messages to 500 characters and describes non-errors', () => {
    expect(describeError(new Error('x'.repeat(800))).message).toHaveLength(500);
    expect(describeError({ some: 'object' })).toEqual({
      errorClass: 'object',
      message: '[object Object]',
    });
  });
});
