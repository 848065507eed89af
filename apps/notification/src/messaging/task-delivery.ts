import { messageHeaders, type RetryMetadata, type WorkItem } from '@gaara/messaging';
import { sanitizeErrorText } from '../domain/sanitize';
import { emailTasks, type EmailTask } from './email-task';

/**
 * What one delivery of an EmailTask asks for: a tier attempt (valid while the row is `queued` with
 * `expectedAttempts`), a replay of a dead-lettered chain, or nothing sensible (poison).
 */
export type TaskDelivery =
  | { readonly kind: 'tier'; readonly task: EmailTask; readonly expectedAttempts: number }
  | { readonly kind: 'replay'; readonly task: EmailTask }
  | { readonly kind: 'poison'; readonly reason: string };

/** The parts of a work item that say which delivery it is. */
export type TaskDeliveryInput = Pick<WorkItem, 'value' | 'headers' | 'tierIndex'> & {
  readonly metadata: Pick<RetryMetadata, 'attempt'>;
};

/**
 * Classifies a retry-tier work item. A replay is what replayDeadLetters publishes: first tier, attempt 0,
 * `gaara-replayed-at` set. Otherwise each hop to the next tier follows exactly one failed claim, so the tier
 * attempt is current only while attempts = attemptsBefore + (tier attempt − 1).
 */
export function classifyTaskDelivery(item: TaskDeliveryInput): TaskDelivery {
  let task: EmailTask;
  try {
    task = emailTasks.parse(item.value);
  } catch (error: unknown) {
    return { kind: 'poison', reason: `poison: ${sanitizeErrorText(String(error))}` };
  }
  const replayed = (item.headers[messageHeaders.replayedAt] ?? '') !== '';
  if (replayed && item.tierIndex === 0 && item.metadata.attempt === 0) {
    return { kind: 'replay', task };
  }
  const expectedAttempts = task.attemptsBefore + Math.max(0, item.metadata.attempt - 1);
  return { kind: 'tier', task, expectedAttempts };
}
