import type { MessagingClient } from '../kafka/kafka-client';
import type { MessagingLogger } from '../kafka/messaging-logger';
import type { RetryTopology } from './retry-topology';
import { deadLetterDepth, topicDepths } from '../dead-letters/dead-letters';

/** The last measured depths of a retry topology. */
export interface QueueDepths {
  /** Messages waiting per tier topic; empty until the first measurement succeeded. */
  readonly retryTopics: readonly { readonly topic: string; readonly depth: number }[];
  /** Dead letters not yet replayed; undefined until measured. */
  readonly deadLetters: number | undefined;
  /** When these numbers were measured (epoch ms); undefined until the first success. */
  readonly measuredAt: number | undefined;
}

/** A background measurement of queue depths: readers never wait on Kafka. */
export interface QueueDepthWatch {
  current(): QueueDepths;
  stop(): void;
}

/**
 * Measures tier depths (`groupIdPrefix` as in startRetryConsumers) and the DLT depth every `intervalMs`
 * (milliseconds, defaults to 5000), one measurement at a time; a failed one keeps the previous numbers.
 * Stats calls read {@link QueueDepthWatch.current}, so a slow or dead broker never slows them down.
 */
export function watchQueueDepths(
  client: MessagingClient,
  topology: RetryTopology,
  groupIdPrefix: string,
  options: { readonly intervalMs?: number; readonly logger?: MessagingLogger } = {},
): QueueDepthWatch {
  let latest: QueueDepths = { retryTopics: [], deadLetters: undefined, measuredAt: undefined };
  let running = false;
  const measure = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const [retryTopics, deadLetters] = await Promise.all([
        topicDepths(client, topology, groupIdPrefix),
        deadLetterDepth(client, topology),
      ]);
      latest = { retryTopics, deadLetters, measuredAt: Date.now() };
    } catch (error: unknown) {
      options.logger?.warn({ err: error, topology: topology.name }, 'queue depths not measured');
    } finally {
      running = false;
    }
  };
  void measure();
  const timer = setInterval(() => void measure(), options.intervalMs ?? 5000);
  timer.unref();
  return { current: () => latest, stop: () => clearInterval(timer) };
}
