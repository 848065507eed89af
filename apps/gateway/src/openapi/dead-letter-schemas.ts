import { queueNames } from '../admin/dead-letter-queues';
import { closedObject, ref } from './schema-parts';

/** Kafka offsets are int64: decimal strings. */
export const offsetSchema = { type: 'string', pattern: '^[0-9]{1,19}$' } as const;

const partitionSchema = { type: 'integer', minimum: 0 } as const;

/** One dead letter as @gaara/messaging lists it. */
export const deadLetterEntrySchema = {
  $id: 'DeadLetterEntry',
  ...closedObject(
    {
      topic: { type: 'string' },
      partition: partitionSchema,
      offset: offsetSchema,
      key: { type: 'string', description: 'absent when the message had no key' },
      type: { type: 'string', description: 'the message type header; absent when missing' },
      value: {
        type: 'string',
        description:
          'the message as text, e-mail addresses and PII fields (receiptEmail, customerEmail, to, …) as `[redacted]`; a replay sends the original',
      },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      timestamp: {
        type: 'string',
        pattern: '^[0-9]+$',
        description: 'Kafka timestamp, epoch milliseconds',
      },
      replayed: { type: 'boolean', description: 'replayed by "replay all" already' },
    },
    ['key', 'type'],
  ),
} as const;

export const deadLetterListSchema = {
  $id: 'DeadLetterList',
  ...closedObject({
    queue: { type: 'string', enum: queueNames },
    topic: { type: 'string', description: 'the dead-letter topic' },
    entries: { type: 'array', items: ref(deadLetterEntrySchema) },
  }),
} as const;

export const replayResultSchema = {
  $id: 'ReplayResult',
  ...closedObject(
    {
      replayed: {
        type: 'integer',
        minimum: 0,
        description:
          "entries put back: a retry queue's on its first tier, an event consumer's (invoice, catalog) on its own replay topic",
      },
      refused: {
        type: 'array',
        description:
          "entries a check refused (payments: their order's stock is gone); they stay on the topic",
        items: closedObject({
          partition: partitionSchema,
          offset: offsetSchema,
          reason: { type: 'string' },
        }),
      },
    },
    ['refused'],
  ),
} as const;
