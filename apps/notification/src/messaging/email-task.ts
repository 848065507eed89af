import { create, fromJsonString, toJsonString } from '@bufbuild/protobuf';
import { notificationV1 } from '@gaara/contracts';
import { firstRetryMessage, type MessageToPublish, type RetryTopology } from '@gaara/messaging';

/** `gaara-type` of the tasks on notifications.retry.*. */
export const EMAIL_TASK_TYPE = notificationV1.EmailTaskSchema.typeName;

/** A parsed EmailTask. */
export interface EmailTask {
  readonly notificationId: string;
  /** Attempts already made when the task was first queued. */
  readonly attemptsBefore: number;
}

/** Parses a task's JSON; throws on anything that is not an EmailTask with a notification id. */
export function parseEmailTask(value: string): EmailTask {
  const task = fromJsonString(notificationV1.EmailTaskSchema, value);
  if (task.notificationId === '') throw new Error('EmailTask without notification_id');
  return { notificationId: task.notificationId, attemptsBefore: task.attemptsBefore };
}

/**
 * The outbox message that puts an e-mail on the FIRST retry tier after a failed attempt (key = notification
 * id, so one e-mail's tasks stay on one partition).
 */
export function firstTierTask(
  topology: RetryTopology,
  task: EmailTask,
  originalTopic: string,
  error: unknown,
): MessageToPublish {
  const { topic, message } = firstRetryMessage(topology, {
    key: task.notificationId,
    type: EMAIL_TASK_TYPE,
    value: toJsonString(
      notificationV1.EmailTaskSchema,
      create(notificationV1.EmailTaskSchema, task),
    ),
    originalTopic,
    error,
  });
  return { topic, ...message };
}
