import { create, toJsonString } from '@bufbuild/protobuf';
import { notificationV1 } from '@gaara/contracts';
import { messageHeaders } from '@gaara/messaging';
import { classifyTaskDelivery, type TaskDeliveryInput } from './task-delivery';

const value = toJsonString(
  notificationV1.EmailTaskSchema,
  create(notificationV1.EmailTaskSchema, { notificationId: 'n-1', attemptsBefore: 1 }),
);

function item(options: {
  tierIndex: number;
  attempt: number;
  replayed?: boolean;
  value?: string;
}): TaskDeliveryInput {
  const headers: Record<string, string> = {};
  if (options.replayed === true) headers[messageHeaders.replayedAt] = new Date(0).toISOString();
  return {
    value: options.value ?? value,
    headers,
    metadata: { attempt: options.attempt },
    tierIndex: options.tierIndex,
  };
}

describe('classifyTaskDelivery', () => {
  it('expects attemptsBefore + (tier attempt - 1) on a tier', () => {
    expect(classifyTaskDelivery(item({ tierIndex: 0, attempt: 1 }))).toMatchObject({
      kind: 'tier',
      expectedAttempts: 1,
    });
    expect(classifyTaskDelivery(item({ tierIndex: 1, attempt: 2 }))).toMatchObject({
      kind: 'tier',
      expectedAttempts: 2,
    });
  });

  it('recognizes a replay only on the first tier, at attempt 0, with the replay header', () => {
    expect(classifyTaskDelivery(item({ tierIndex: 0, attempt: 0, replayed: true }))).toEqual({
      kind: 'replay',
      task: { notificationId: 'n-1', attemptsBefore: 1 },
    });
    expect(classifyTaskDelivery(item({ tierIndex: 0, attempt: 0 })).kind).toBe('tier');
    expect(classifyTaskDelivery(item({ tierIndex: 1, attempt: 0, replayed: true })).kind).toBe(
      'tier',
    );
    expect(classifyTaskDelivery(item({ tierIndex: 1, attempt: 2, replayed: true })).kind).toBe(
      'tier',
    );
  });

  it('calls anything that is not an EmailTask poison', () => {
    expect(classifyTaskDelivery(item({ tierIndex: 0, attempt: 1, value: 'nope' }))).toMatchObject({
      kind: 'poison',
    });
  });
});
