import {
  CATALOG_EVENTS_QUEUE,
  DEAD_LETTER_QUEUE_NAMES,
  DEAD_LETTER_QUEUES,
  declaredTopics,
  INVOICE_EVENTS_QUEUE,
  PAYMENTS_QUEUE,
  tierTopics,
} from './retry-queues';

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

describe('the dead-letter queues', () => {
  it('are keyed by their queue names; each event queue has its own DLT and replay topic, both declared', () => {
    const names = declaredTopics().map((t) => t.name);
    expect(DEAD_LETTER_QUEUE_NAMES).toEqual(['payments', 'notifications', 'invoice', 'catalog']);
    for (const name of DEAD_LETTER_QUEUE_NAMES) {
      const declared = DEAD_LETTER_QUEUES[name];
      expect(declared.queue.name).toBe(name);
      if (declared.kind === 'events') {
        expect(declared.queue.deadLetterTopic).toBe(`${name}.dlt`);
        expect(declared.queue.replayTopic).toBe(`${name}.replay`);
        expect(names).toEqual(
          expect.arrayContaining([declared.queue.deadLetterTopic, declared.queue.replayTopic]),
        );
      } else {
        expect(names).toContain(`${name}.dlt`);
      }
    }
    expect(new Set([INVOICE_EVENTS_QUEUE.groupId, CATALOG_EVENTS_QUEUE.groupId]).size).toBe(2);
  });
});
