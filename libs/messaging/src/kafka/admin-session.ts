import type { Admin } from 'kafkajs';
import { kafkaOf, type MessagingClient } from './kafka-client';

/** Runs `work` with a connected admin client and always disconnects it. */
export async function withAdmin<T>(
  client: MessagingClient,
  work: (admin: Admin) => Promise<T>,
  options: { retries?: number } = {},
): Promise<T> {
  const admin = kafkaOf(client).admin(
    options.retries === undefined ? undefined : { retry: { retries: options.retries } },
  );
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Watermarks of one partition, offsets as strings. */
export interface PartitionWatermarks {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

const RETRIABLE_ATTEMPTS = 25;
const RETRIABLE_WAIT_MS = 200;

/** True for an error kafkajs marks `retriable` (the same call may succeed shortly: a leader or coordinator moving). */
export function isRetriableKafkaError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { retriable?: unknown }).retriable === true
  );
}

/**
 * `operation`'s result, tried again (every 200 ms, for about 5 s) while it fails with an error kafkajs marks
 * `retriable`, which kafkajs 2.2.4's admin gives up on at once in places: NOT_LEADER_OR_FOLLOWER from a freshly
 * created topic (admin/index.js fetchTopicOffsets bails on anything but UNKNOWN_TOPIC_OR_PARTITION), and
 * COORDINATOR_LOAD_IN_PROGRESS from fetchOffsets for a while after the broker restarted.
 */
export async function whileRetriable<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error: unknown) {
      if (!isRetriableKafkaError(error) || attempt >= RETRIABLE_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRIABLE_WAIT_MS));
    }
  }
}

/** admin.fetchTopicOffsets through {@link whileRetriable}. */
export async function fetchWatermarks(admin: Admin, topic: string): Promise<PartitionWatermarks[]> {
  const offsets = await whileRetriable(() => admin.fetchTopicOffsets(topic));
  return offsets.map(({ partition, low, high }) => ({ partition, low, high }));
}
