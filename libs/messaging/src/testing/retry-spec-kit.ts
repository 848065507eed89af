// Helpers of this library's retry-tier integration specs: work messages, recorded handler calls, running tiers.
import type { OutgoingMessage } from '../kafka/publisher';
import { firstRetryMessage } from '../retry/retry-headers';
import {
  startRetryConsumers,
  type RetryConsumers,
  type RetryConsumersOptions,
  type WorkItem,
} from '../retry/retry-consumers';
import type { RetryTopology } from '../retry/retry-topology';
import type { KafkaSpec, TopicRecorder } from './kafka-test-kit';
import { testMeter, type TestMeter } from './test-metrics';

/** `gaara-type` of the work items of the retry specs. */
export const WORK_TYPE = 'gaara.test.v1.Work';

/** One call of a retry handler, as the specs record it. */
export interface HandledCall {
  readonly key: string | undefined;
  readonly tier: string;
  readonly attempt: number;
  readonly deferrals: number;
  readonly dueAt: number;
  /** Epoch ms the call started. */
  readonly at: number;
  /** Epoch ms the call ended, where a spec records it. */
  end?: number;
}

/** The call `item` stands for, started now. */
export function callOf(item: WorkItem): HandledCall {
  return {
    key: item.key,
    tier: item.tier.label,
    attempt: item.metadata.attempt,
    deferrals: item.metadata.deferrals,
    dueAt: item.metadata.dueAt,
    at: Date.now(),
  };
}

/**
 * The first-tier message of work item `key` (value `{"key":…}`) whose first failure, `error`, was at
 * `failedAt` (epoch ms, default now): due one tier delay later.
 */
export function workMessage(
  topology: RetryTopology,
  key: string,
  options: { readonly failedAt?: number; readonly error: Error; readonly originalTopic: string },
): { topic: string; message: OutgoingMessage } {
  return firstRetryMessage(topology, {
    key,
    type: WORK_TYPE,
    value: JSON.stringify({ key }),
    originalTopic: options.originalTopic,
    error: options.error,
    now: options.failedAt ?? Date.now(),
  });
}

/** Retry consumers of a spec's `describe` on a recorded topology, with a test meter; made before its beforeAll. */
export interface RetryBench {
  /** Every message of the topology's topics, from the beginning; readable once `start` resolved. */
  readonly recorder: TopicRecorder;
  readonly metrics: TestMeter;
  /**
   * Creates and records the topology's topics (`partitions` each, default 3), then starts retry consumers of
   * WORK_TYPE on them (session timeout 10 s).
   */
  start(): Promise<void>;
  /** Stops the consumers (the recorder stops with the KafkaSpec). */
  stop(): Promise<void>;
}

/** The {@link RetryBench} of `options.topology` on the broker of `kafka`. */
export function retryBench(
  kafka: KafkaSpec,
  options: Pick<RetryConsumersOptions, 'topology' | 'groupIdPrefix' | 'handle' | 'concurrency'> & {
    readonly partitions?: number;
  },
): RetryBench {
  const { partitions, ...consumerOptions } = options;
  const metrics = testMeter();
  let recording: TopicRecorder | undefined;
  let consumers: RetryConsumers | undefined;
  const recorded = (): TopicRecorder => {
    if (recording === undefined) throw new Error('retry bench read before start()');
    return recording;
  };
  return {
    metrics,
    recorder: {
      get messages() {
        return recorded().messages;
      },
      on: (topic) => recorded().on(topic),
      hasAllOf: (topic) => recorded().hasAllOf(topic),
      stop: async () => recording?.stop(),
    },
    start: async () => {
      recording = await kafka.record(
        options.topology.topics,
        partitions === undefined ? {} : { partitions },
      );
      consumers = await startRetryConsumers({
        client: kafka.client,
        publisher: kafka.publisher,
        types: [WORK_TYPE],
        meter: metrics.meter,
        sessionTimeoutMs: 10_000,
        ...consumerOptions,
      });
    },
    stop: async () => consumers?.stop(),
  };
}
