import type { ConsumedMessage } from './consumed-message';
import { DeferralBudgetExhaustedError, deferredDueAt } from '../retry/deferral';
import { describeError } from '../kafka/error-description';
import type { MessagingLogger } from '../kafka/messaging-logger';
import type { MessagingMetrics } from '../kafka/messaging-metrics';
import type { MessageStep } from './partition-consumer';
import type { Publisher } from '../kafka/publisher';
import type { RetryMetadata } from '../retry/retry-headers';
import { deadLetterMessage, deferredMessage, nextTierMessage } from '../retry/retry-messages';
import type { RetryTopology } from '../retry/retry-topology';
import type { WorkOutcome } from '../retry/work-item';

/** What {@link applyOutcome} needs about the handled message. */
export interface HandledMessage {
  readonly message: ConsumedMessage;
  readonly metadata: RetryMetadata;
  readonly tierIndex: number;
  /** Epoch ms the handle call started: judged against the deferral deadline. */
  readonly startedAt: number;
  readonly deferralDeadline: number;
}

/** Collaborators of {@link applyOutcome}. */
export interface OutcomeDeps {
  readonly topology: RetryTopology;
  readonly publisher: Publisher;
  readonly metrics: MessagingMetrics;
  readonly logger: MessagingLogger;
}

/**
 * Publishes what an outcome asks for (next tier, DLT, the same tier for 'defer') and only then answers
 * 'commit'; a failed publish throws, so the offset stays uncommitted and the message is redelivered.
 */
export async function applyOutcome(
  deps: OutcomeDeps,
  handled: HandledMessage,
  given: WorkOutcome,
): Promise<MessageStep> {
  const { topology, publisher, metrics, logger } = deps;
  const { message, metadata, tierIndex } = handled;
  const outcome = budgeted(handled, given);
  const now = Date.now();
  const where = { topic: message.topic, partition: message.partition, offset: message.offset };
  let followUpAt: number | undefined;
  switch (outcome.outcome) {
    case 'done':
      break;
    case 'defer': {
      const dueAt = deferredDueAt(now, outcome.delayMs);
      // Same partition explicitly: the consumer looks again by dueAt (a keyless copy could land elsewhere).
      await publisher.publish(message.topic, [
        { ...deferredMessage(message, metadata, dueAt, now), partition: message.partition },
      ]);
      metrics.deferral(message.topic);
      followUpAt = dueAt;
      logger.debug(
        { ...where, dueAt, deferrals: metadata.deferrals + 1, reason: outcome.reason },
        'work item deferred on its tier',
      );
      break;
    }
    case 'retry': {
      const next = topology.tiers[tierIndex + 1];
      if (next === undefined) {
        await publisher.publish(topology.deadLetterTopic, [
          deadLetterMessage(message, 'retries exhausted', now, {
            attempt: metadata.attempt + 1,
            error: outcome.error,
          }),
        ]);
        metrics.deadLetter(message.topic, 'retries exhausted');
        logger.warn(
          { ...where, err: describeError(outcome.error) },
          'retries exhausted; dead-lettered',
        );
      } else {
        await publisher.publish(next.topic, [
          nextTierMessage(message, metadata, next, outcome.error, now),
        ]);
        logger.info(
          { ...where, nextTier: next.label, err: describeError(outcome.error) },
          'work item failed; moved to the next tier',
        );
      }
      break;
    }
    case 'dead':
      await publisher.publish(topology.deadLetterTopic, [
        deadLetterMessage(message, outcome.reason, now),
      ]);
      metrics.deadLetter(message.topic, 'dead');
      logger.warn({ ...where, reason: outcome.reason }, 'work item dead-lettered by its handler');
      break;
  }
  metrics.message(message.topic, outcome.outcome);
  return followUpAt === undefined ? { kind: 'commit' } : { kind: 'commit', followUpAt };
}

/** A 'defer' from a handle call started at or after the deadline becomes a 'retry' (bounded deferral). */
function budgeted(handled: HandledMessage, outcome: WorkOutcome): WorkOutcome {
  if (outcome.outcome !== 'defer' || handled.startedAt < handled.deferralDeadline) return outcome;
  return {
    outcome: 'retry',
    error: new DeferralBudgetExhaustedError(handled.metadata.deferrals, outcome.reason),
  };
}
