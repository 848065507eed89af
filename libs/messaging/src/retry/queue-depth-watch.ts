import type { Admin } from 'kafkajs';
import { kafkaOf, type MessagingClient } from '../kafka/kafka-client';
import type { MessagingLogger } from '../kafka/messaging-logger';
import type { RetryTopology } from './retry-topology';
import { deadLetterDepthWith, topicDepthsWith } from '../dead-letters/dead-letters';

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
 * One admin connection is kept between measurements (issue #10: a new admin per topic, connected and dropped
 * every 5 s, was a large part of payment's and notification's CPU at rest); a failed measurement drops it and
 * the next one connects afresh. stop() disconnects it.
 */
export function watchQueueDepths(
  client: MessagingClient,
  topology: RetryTopology,
  groupIdPrefix: string,
  options: { readonly intervalMs?: number; readonly logger?: MessagingLogger } = {},
): QueueDepthWatch {
  let latest: QueueDepths = { retryTopics: [], deadLetters: undefined, measuredAt: undefined };
  let running = false;
  let stopped = false;
  let admin: Admin | undefined;
  const dropAdmin = (): void => {
    const dropped = admin;
    admin = undefined;
    void dropped?.disconnect().catch(() => undefined);
  };
  const connectedAdmin = async (): Promise<Admin> => {
    if (admin !== undefined) return admin;
    const fresh = kafkaOf(client).admin();
    try {
      await fresh.connect();
    } catch (error: unknown) {
      void fresh.disconnect().catch(() => undefined);
      throw error;
    }
    admin = fresh;
    return fresh;
  };
  const measure = async (): Promise<void> => {
    if (running || stopped) return;
    running = true;
    try {
      const connected = await connectedAdmin();
      const [retryTopics, deadLetters] = await Promise.all([
        topicDepthsWith(connected, topology, groupIdPrefix),
        deadLetterDepthWith(connected, topology),
      ]);
      latest = { retryTopics, deadLetters, measuredAt: Date.now() };
    } catch (error: unknown) {
      options.logger?.warn({ err: error, topology: topology.name }, 'queue depths not measured');
      dropAdmin();
    } finally {
      running = false;
      // stop() during the measurement: the admin it connected must not outlive the watch.
      if (stopped) dropAdmin();
    }
  };
  void measure();
  const timer = setInterval(() => void measure(), options.intervalMs ?? 5000);
  timer.unref();
  return {
    current: () => latest,
    stop: () => {
      stopped = true;
      clearInterval(timer);
      if (!running) dropAdmin();
    },
  };
}
