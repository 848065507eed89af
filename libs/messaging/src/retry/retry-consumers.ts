import { applyOutcome } from '../consumers/apply-outcome';
import type { ConsumedMessage } from '../consumers/consumed-message';
import {
  consumerBasics,
  deadLetterPoison,
  inProcessSpan,
  type ConsumerBasics,
  type ConsumerOptions,
} from '../consumers/consumer-basics';
import { deferralDeadline } from './deferral';
import {
  startPartitionConsumer,
  type MessageStep,
  type PartitionConsumer,
} from '../consumers/partition-consumer';
import type { Publisher } from '../kafka/publisher';
import type { RetryMetadata } from './retry-headers';
import { parseTierMessage } from './retry-messages';
import type { RetryTier, RetryTopology } from './retry-topology';
import type { WorkItem, WorkOutcome } from './work-item';

export type { WorkItem, WorkOutcome } from './work-item';

/** Options of {@link startRetryConsumers}. */
export interface RetryConsumersOptions extends ConsumerOptions {
  readonly topology: RetryTopology;
  /** Publishes to the next tier and the dead-letter topic. */
  readonly publisher: Publisher;
  /** One consumer group per tier: `${groupIdPrefix}.${tier.label}`. */
  readonly groupIdPrefix: string;
  /** Handles a due item; throwing is the same as returning { outcome: 'retry', error }. The signal aborts on stop(). */
  handle(item: WorkItem, signal: AbortSignal): Promise<WorkOutcome>;
  /** Consumer session timeout, in milliseconds; defaults to 30000. */
  readonly sessionTimeoutMs?: number;
  /**
   * Due messages of ONE partition handled at once (messages with the same key never together, in offset
   * order); defaults to 4. Mind the handler's own limits (bulkheads, pools): tiers × partitions × this.
   */
  readonly concurrency?: number;
}

/** Due messages of one partition handled at once unless told otherwise. */
const DEFAULT_CONCURRENCY = 4;

/** The running tier consumers. */
export interface RetryConsumers {
  /** Leaves the groups within a few seconds; messages still waiting are redelivered to the next member. */
  stop(): Promise<void>;
}

/**
 * Starts one consumer group per tier. Never calls handle before a message's due time: due messages of a
 * partition are handled up to `concurrency` at a time (a not-yet-due one does not block later due ones, e.g. a
 * short deferral behind regular tier traffic); when nothing is due the partition is paused and resumed at the
 * earliest due time (no sleeping past a heartbeat, no crash). After 'retry' it publishes to the next tier (or
 * the DLT after the last), after 'defer' to the same tier, and only then may the offset be committed (only
 * the contiguous handled prefix of a partition is); a failed publish leaves it uncommitted, so the message is
 * redelivered.
 */
export async function startRetryConsumers(options: RetryConsumersOptions): Promise<RetryConsumers> {
  const basics = consumerBasics(
    options,
    options.topology.tiers.map((tier) => tier.topic),
  );
  const { logger, knownTypes } = basics;
  const started: PartitionConsumer[] = [];
  const stopAll = async (): Promise<void> => {
    await Promise.all(started.map((consumer) => consumer.stop()));
  };
  try {
    const consumers = await Promise.all(
      options.topology.tiers.map(async (tier, tierIndex) => {
        const consumer = await startPartitionConsumer({
          client: options.client,
          groupId: `${options.groupIdPrefix}.${tier.label}`,
          topics: [tier.topic],
          logger,
          ...(options.sessionTimeoutMs === undefined
            ? {}
            : { sessionTimeoutMs: options.sessionTimeoutMs }),
          concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
          // Poison is handled (dead-lettered) at once; a deferred copy due before the head is not blocked by it.
          notBefore: (message) => {
            const parsed = parseTierMessage(message.headers, knownTypes);
            return parsed.ok ? parsed.metadata.dueAt : undefined;
          },
          process: (message, signal) =>
            processTierMessage({ ...basics, options, tier, tierIndex }, message, signal),
        });
        started.push(consumer);
        return consumer;
      }),
    );
    logger.info(
      { topology: options.topology.name, tiers: consumers.length },
      'retry consumers started',
    );
  } catch (error: unknown) {
    await stopAll();
    throw error;
  }
  return { stop: stopAll };
}

interface TierContext extends ConsumerBasics {
  readonly options: RetryConsumersOptions;
  readonly tier: RetryTier;
  readonly tierIndex: number;
}

async function processTierMessage(
  tierContext: TierContext,
  message: ConsumedMessage,
  signal: AbortSignal,
): Promise<MessageStep> {
  const { options } = tierContext;
  const parsed = parseTierMessage(message.headers, tierContext.knownTypes);
  if (!parsed.ok) {
    return deadLetterPoison(
      { ...tierContext, publisher: options.publisher },
      options.topology.deadLetterTopic,
      message,
      parsed.reason,
      'poison message dead-lettered',
    );
  }
  const { dueAt } = parsed.metadata;
  if (Date.now() < dueAt) return { kind: 'wait', untilMs: dueAt };
  return inProcessSpan(
    message,
    () => handleDueItem(tierContext, message, parsed.type, parsed.metadata, signal),
    { 'gaara.retry.attempt': parsed.metadata.attempt },
  );
}

async function handleDueItem(
  tierContext: TierContext,
  message: ConsumedMessage,
  type: string,
  metadata: RetryMetadata,
  signal: AbortSignal,
): Promise<MessageStep> {
  const { options, metrics, tier, tierIndex, logger } = tierContext;
  const tiers = options.topology.tiers;
  // The clock read right before handle: the guarantee itself, and a tripwire metric if it ever fires.
  const startedAt = Date.now();
  if (startedAt < metadata.dueAt) {
    metrics.retryEarly(message.topic);
    return { kind: 'wait', untilMs: metadata.dueAt };
  }
  const deadline = deferralDeadline(metadata, message.headers, options.topology, startedAt);
  const item: WorkItem = {
    key: message.key,
    type,
    value: message.value,
    headers: message.headers,
    metadata,
    tier,
    tierIndex,
    isLastTier: tierIndex === tiers.length - 1,
    deferralDeadline: deadline,
  };
  metrics.retryLateness(message.topic, startedAt - metadata.dueAt);
  let outcome: WorkOutcome;
  try {
    outcome = await options.handle(item, signal);
  } catch (error: unknown) {
    outcome = { outcome: 'retry', error };
  }
  if (signal.aborted && outcome.outcome !== 'done') return { kind: 'leave' };
  return applyOutcome(
    { topology: options.topology, publisher: options.publisher, metrics, logger },
    { message, metadata, tierIndex, startedAt, deferralDeadline: deadline },
    outcome,
  );
}
